import java.util.concurrent.TimeUnit

// Build 1 (the invoker's) recorded every stage's outputs with their hashes.
def lock = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'adversarial.lock.json'))
def stages = lock.stages.keySet()
['toy-ntuples (toy-ntuples)', 'toy-ntuples (toy-twin)', 'skim (skim)', 'skim (skim-twin)', 'skim (skim-training)', 'reweight (reweight)',
 'mix (mix)', 'dataset (dataset)', 'dataset (dataset-evaluation)', 'train (train-default)',
 'train (train-adversarial)'].each { assert stages.contains(it) : "${it} not in ${stages}" }
assert lock.stages['train (train-adversarial)'].outputs.keySet().any { it.endsWith('weights.ckpt') }

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
println "Two builds from nothing: the same bytes for ${stages.size()} stages, the trained weights included."
return true
