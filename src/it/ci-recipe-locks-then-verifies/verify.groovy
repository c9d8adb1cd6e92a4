import groovy.json.JsonSlurperClassic

def log = { String name -> new File(basedir, "analysis/$name").isFile() ? new File(basedir, "analysis/$name").text
        : new File(basedir, name).text }

// -Dadversarial.lock=update wrote the lock file beside the analysis's pom, with paths relative to it.
def update = log('update.log')
assert update.contains('skim (skim) runs: no earlier run') : update
def lock = new JsonSlurperClassic().parse(new File(basedir, 'analysis/adversarial.lock.json'))
assert lock.stages.keySet() == ['skim (skim)'] as Set
assert lock.stages['skim (skim)'].outputs.keySet() == ['target/adversarial/skim/DY_taus.root',
                                                       'target/adversarial/skim/data.root'] as Set

// The recipe's command: nothing changed, the stage is up to date and its outputs are as locked.
def verify = log('verify.log')
assert verify.contains('skim (skim): up to date, nothing to do') : verify
assert verify.contains('BUILD SUCCESS')

// New ntuples under the same names: the skim re-runs for its changed inputs, and the recipe's command fails,
// naming the stage, the file and the lock file, with the fix.
def changed = log('changed.log')
assert changed.contains('skim (skim) runs: input') : changed
assert changed.contains('skim: the result differs from the lock file')
assert changed.contains('stage skim (skim): target/adversarial/skim/data.root differs from adversarial.lock.json')
assert changed.contains('Fix: find what changed')
assert changed.contains('BUILD FAILURE')
return true
