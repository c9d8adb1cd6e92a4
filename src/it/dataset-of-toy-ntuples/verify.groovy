import groovy.json.JsonSlurperClassic

// The classification dataset directory is complete: spec.json, scaling.json and the shards it lists, nothing else.
def dir = new File(basedir, 'target/adversarial/dataset/classification')
def spec = new JsonSlurperClassic().parse(new File(dir, 'spec.json'))
assert spec.format == 'tauml-tfrecord' && spec.format_version == 1
assert spec.kind == 'classification' && spec.compression == 'GZIP'
assert spec.inputs*.name == ['input_tau', 'input_inner_egamma', 'input_inner_muon', 'input_inner_hadrons',
                             'input_outer_egamma', 'input_outer_muon', 'input_outer_hadrons']
assert spec.inputs[1].encoding == 'sparse_cells' && spec.inputs[1].shape[0] == 7
assert spec.targets == ['y', 'weight']
def shards = spec.splits.train.shards + spec.splits.validation.shards
assert shards == ['train-00000-of-00002.tfrecord.gz', 'train-00001-of-00002.tfrecord.gz',
                  'validation-00000-of-00002.tfrecord.gz', 'validation-00001-of-00002.tfrecord.gz']
assert (dir.list() as List).sort() == (shards + ['scaling.json', 'spec.json']).sort()
shards.each { assert new File(dir, it).length() > 0 }
def total = spec.splits.train.records + spec.splits.validation.records
assert total > 0 && Math.abs(spec.splits.validation.records - 0.25 * total) <= 1
def scaling = new JsonSlurperClassic().parse(new File(dir, 'scaling.json'))
assert scaling.TauFlat.tau_pt.global.std == 490.0
assert scaling.PfCand_muon.pfCand_muon_rel_pt.inner && scaling.PfCand_muon.pfCand_muon_rel_pt.outer

// No staging directory is left behind, and the log names the result.
assert !(new File(basedir, 'target/adversarial/dataset').list() as List).any { it.startsWith('.') }
def log = new File(basedir, 'build.log').text
assert log.contains('Feature set small: 35 τ features')
assert log =~ /Wrote the classification dataset .*: [\d,]+ records \(train [\d,]+, validation [\d,]+\)/
return true
