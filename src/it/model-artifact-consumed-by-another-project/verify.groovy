import groovy.json.JsonSlurperClassic
import java.security.MessageDigest

def log = { String dir, String name ->
    def f = [new File(basedir, "$dir/$name"), new File(basedir, name)].find { it.isFile() }
    assert f : "no $name"
    f.text
}
def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

// The producer built the zip, attached it with classifier model, and install copied it into the local repository.
def zip = new File(basedir, 'producer/target/producer-1-model.zip')
assert zip.isFile()
def first = log('producer', 'first.log')
assert first.contains('train (train-default) runs: no earlier run') : first
assert first.contains('package-model (package-model) runs: no earlier run')
assert first.contains("Model 'default': no evaluation at ")
assert first =~ /Packaged model 'default' \(\d+ files, [\d.,]+ kB\) into .*producer-1-model\.zip/
assert first.contains('Attached producer-1-model.zip as it.adversarial:producer:zip:model:1')
def installed = new File(localRepositoryPath, 'it/adversarial/producer/1/producer-1-model.zip')
assert installed.isFile() && installed.bytes == zip.bytes
assert first.contains('producer-1-model.zip')

// Second build: nothing changed, nothing trained or packaged again, yet the zip is attached and installed again.
def second = log('producer', 'second.log')
assert second.contains('train (train-default): up to date, nothing to do') : second
assert second.contains('package-model (package-model): up to date, nothing to do')
assert !second.contains('Packaged model')
assert second.contains('Attached producer-1-model.zip as it.adversarial:producer:zip:model:1')
assert second =~ /Installing .*producer-1-model\.zip/

// The consumer unpacked what the producer shipped, byte for byte as the manifest lists it.
def unpacked = new File(basedir, 'consumer/target/model')
def manifest = new JsonSlurperClassic().parse(new File(unpacked, 'model-manifest.json'))
assert manifest.format == 'tauml-model-artifact' && manifest.model == 'default' && manifest.mode == 'default'
assert manifest.producer.project == 'it.adversarial:producer:1'
assert manifest.producer.plugin.startsWith('io.github.tauml:adversarial-maven-plugin:')
assert manifest.saved_model == 'saved_model' && manifest.signature == 'serving_default'
assert manifest.outputs == ['main_output']
assert manifest.inputs*.name == ['input_tau', 'input_inner_egamma', 'input_inner_muon', 'input_inner_hadrons',
                                 'input_outer_egamma', 'input_outer_muon', 'input_outer_hadrons']
assert manifest.inputs[0].features.contains('tau_pt')
assert manifest.metrics == null
assert manifest.entries*.path.containsAll(['frozen_graph.pb', 'saved_model/saved_model.pb', 'scaling.json',
                                           'settings.json', 'weights.ckpt'])
manifest.entries.each { e ->
    def f = new File(unpacked, e.path)
    assert f.length() == e.size && sha256(f) == e.sha256 : e.path
}
assert sha256(new File(basedir, 'producer/target/adversarial/model/default/frozen_graph.pb')) ==
        manifest.entries.find { it.path == 'frozen_graph.pb' }.sha256

// It built its datasets with the shipped scaling and applied the shipped SavedModel to them.
def consumer = log('consumer', 'consumer.log')
assert consumer.contains('unpack-dependencies (unpack-model)') : consumer
assert consumer =~ /shipped model: predicted [\d,]+ evaluation-mix rows and [\d,]+ classification rows/
def scaling = new File(unpacked, 'scaling.json').text
assert new File(basedir, 'consumer/target/adversarial/dataset/evaluation/scaling.json').text == scaling
def metrics = new JsonSlurperClassic().parse(new File(basedir, 'consumer/target/adversarial/evaluate/metrics.json'))
assert metrics.keySet() as List == ['shipped']
assert metrics.shipped.auc_tau_vs_jet > 0 && metrics.shipped.chi2_ndf_djet >= 0
def rows = new File(basedir, 'consumer/target/adversarial/evaluate/predictions/shipped_predictions.csv').readLines()
assert rows[0].startsWith('Djet,y,weights,dataset_id') && rows.size() == 1 + 20 * 10
assert consumer.contains('BUILD SUCCESS')
return true
