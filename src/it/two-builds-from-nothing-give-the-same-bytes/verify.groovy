import java.util.concurrent.TimeUnit

// Build 1 (the invoker's) recorded every stage's outputs with their hashes.
def lock = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'adversarial.lock.json'))
def stages = lock.stages.keySet()
['toy-ntuples (toy-ntuples)', 'toy-ntuples (toy-twin)', 'skim (skim)', 'skim (skim-twin)', 'skim (skim-training)', 'reweight (reweight)',
 'mix (mix)', 'dataset (dataset)', 'dataset (dataset-evaluation)', 'train (train-default)',
 'train (train-adversarial)', 'evaluate (evaluate)'].each { assert stages.contains(it) : "${it} not in ${stages}" }
assert lock.stages['train (train-adversarial)'].outputs.keySet().any { it.endsWith('weights.ckpt') }
def evaluated = lock.stages['evaluate (evaluate)'].outputs.keySet()
assert evaluated.contains('target/adversarial/evaluate/metrics.json')
assert evaluated.count { it.endsWith('.pdf') } >= 6 && evaluated.count { it.endsWith('.png') } >= 6 : evaluated
// The descriptive files name their inputs relative to the project, not by this checkout's absolute path.
def spec = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'target/adversarial/dataset/classification/spec.json'))
assert spec.source == ['../../skim/training.root'] : spec.source
assert new File(basedir, 'target/adversarial/model/adversarial/settings.json').text
        .contains('"starting_model" : "target/adversarial/model/default"')

// Build 2: from nothing again (target/ deleted), verifying every output against build 1's lock file.
def settings = new File(basedir, 'child-settings.xml')
settings.text = '''<settings><offline>true</offline><profiles><profile><id>it-repo</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>file:///nonexistent</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>file:///nonexistent</url></pluginRepository>
</pluginRepositories></profile></profiles></settings>'''
new File(basedir, 'target').deleteDir()
def cmd = [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-s', settings.path,
           "-Dmaven.repo.local=${localRepositoryPath}", 'verify', '-Dadversarial.lock=verify', '-l', 'second.log']
def pb = new ProcessBuilder(cmd.collect { it.toString() }).directory(basedir).redirectErrorStream(true)
pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
pb.redirectOutput(new File(basedir, 'second.log.out'))
def second = pb.start()
assert second.waitFor(900, TimeUnit.SECONDS)
def log = new File(basedir, 'second.log').text
assert second.exitValue() == 0 : log
assert log.contains('train (train-adversarial) runs: no earlier run') : log
assert !log.contains('differs from') && log.contains('BUILD SUCCESS')
// Beside the lock's own check: build 2's plots (PDFs included), metrics, spec.json and settings.json have build 1's bytes.
def sha256 = { File f -> java.security.MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def compared = 0
lock.stages.each { stage, entry ->
    entry.outputs.each { path, hash ->
        if (['.pdf', '.png', '/metrics.json', '/spec.json', '/settings.json'].any { path.endsWith(it) }) {
            assert sha256(new File(basedir, path)) == hash : "${path} of ${stage} differs between the two builds"
            compared++
        }
    }
}
assert compared >= 6 + 6 + 1 + 4 + 2 : compared
println "Two builds from nothing: the same bytes for ${stages.size()} stages, the trained weights and the PDFs included."
return true
