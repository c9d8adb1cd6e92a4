import java.util.concurrent.TimeUnit

def target = new File(basedir, 'target/adversarial')
def reference = new File(basedir, 'reference.log').text
assert reference.contains('train (train-default) runs: no earlier run') : reference
assert reference =~ /Trained 200 steps/
assert new File(target, 'model/reference/weights.ckpt').isFile()

// The child builds run offline on the invoker's local repository; the repository id is the one the artifacts there
// were resolved from (src/it/settings.xml), so that Maven takes them.
def settings = new File(basedir, 'child-settings.xml')
settings.text = '''<settings><offline>true</offline><profiles><profile><id>it-repo</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>local.central</id><url>file:///nonexistent</url></repository></repositories>
<pluginRepositories><pluginRepository><id>local.central</id><url>file:///nonexistent</url></pluginRepository>
</pluginRepositories></profile></profiles></settings>'''
def mvn = { String log -> [new File(System.getProperty('maven.home'), 'bin/mvn').path, '-B', '-o', '-s', settings.path,
        "-Dmaven.repo.local=${localRepositoryPath}", 'verify', '-Drun=resumed', '-l', log] }
def start = { String log ->
    def pb = new ProcessBuilder(mvn(log).collect { it.toString() }).directory(basedir).redirectErrorStream(true)
    pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
    pb.redirectOutput(new File(basedir, log + '.out'))
    pb.start()
}

// 1. Train into target/adversarial/{train,model}/resumed; stop the build with SIGTERM once the first checkpoint exists.
def checkpoint = new File(target, 'train/resumed/checkpoint.ckpt')
def killed = start('killed.log')
long deadline = System.currentTimeMillis() + 300_000
while (!checkpoint.isFile() && killed.isAlive() && System.currentTimeMillis() < deadline) {
    Thread.sleep(20)
}
assert killed.isAlive() : 'the build ended before its first checkpoint: ' + new File(basedir, 'killed.log').text
assert checkpoint.isFile()
killed.destroy() // SIGTERM, as CI runners and Ctrl-C stop a build
assert killed.waitFor(60, TimeUnit.SECONDS)
assert killed.exitValue() != 0
def killedLog = new File(basedir, 'killed.log').text
assert killedLog.contains('train (train-default) runs: parameter') : killedLog
assert !(killedLog =~ /Trained \d+ steps/)
// Nothing half-written: no model directory, and no fingerprint claims the stage is done with these settings.
assert !new File(target, 'model/resumed').exists()
assert checkpoint.isFile()

// 2. The same build again: it resumes from the checkpoint and finishes.
def resumed = start('resumed.log')
assert resumed.waitFor(600, TimeUnit.SECONDS)
def resumedLog = new File(basedir, 'resumed.log').text
assert resumed.exitValue() == 0 : resumedLog
assert resumedLog.contains('train (train-default) runs: parameter') : resumedLog
def m = resumedLog =~ /Resuming from (\S+checkpoint\.ckpt) at step (\d+)/
assert m.find() : resumedLog
int step = m.group(2) as int
assert m.group(1).endsWith('train/resumed/checkpoint.ckpt') && step >= 10 && step < 200
assert resumedLog =~ /Trained 200 steps/
assert resumedLog.contains('BUILD SUCCESS')

// 3. The resumed training ends with the uninterrupted training's weights, bit for bit.
['weights.ckpt', 'saved_model/variables/variables.data-00000-of-00001'].each { f ->
    assert new File(target, "model/resumed/$f").bytes == new File(target, "model/reference/$f").bytes : f
}
println "Killed after the checkpoint at step ${step}; resumed to the reference's weights."
return true
