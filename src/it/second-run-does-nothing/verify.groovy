def log = { name -> new File(basedir, name).text }
def first = log('first.log'), second = log('second.log'), third = log('third.log')

assert first.contains('toy-ntuples (toy) runs: no earlier run') : first
assert first.contains('skim (skim) runs: no earlier run')
assert first.contains('Skim summary:')

// Nothing changed: one line per stage, and no stage did any work.
assert second.contains('toy-ntuples (toy): up to date, nothing to do') : second
assert second.contains('skim (skim): up to date, nothing to do')
assert !second.contains('Generating') && !second.contains('Skim summary:')

// One cut changed: exactly the skim re-runs, and says why.
assert third.contains('toy-ntuples (toy): up to date, nothing to do') : third
assert third.contains('skim (skim) runs: parameter selection changed')
assert third.contains('selection: tau_pt>40')

// The pipeline summary the evaluation report shows: one line per stage that ran, in run order, replaced when the
// stage runs again (the skim ran in builds 1, 3 and 5, the toy in build 1 only).
def summary = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'target/adversarial/pipeline-summary.json'))
assert summary.stages*.name == ['toy-ntuples (toy)', 'skim (skim)'] : summary
summary.stages.each { assert it.status == 'ran' && it.seconds > 0 && it.counts['output files'] >= 1 }
assert summary.stages[1].inputs.every { !it.startsWith('/') } : summary.stages[1].inputs

// adversarial.lock.json records each stage with relative paths and hashes; verify mode fails on a different result
// (naming the stage and the file) and passes when the same bytes are produced again.
def lock = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'adversarial.lock.json'))
assert lock.stages.keySet() == ['skim (skim)', 'toy-ntuples (toy)'] as Set
assert lock.stages['skim (skim)'].outputs.keySet() == ['target/adversarial/skim/DY_taus.root',
        'target/adversarial/skim/data.root'] as Set
assert lock.stages['skim (skim)'].parameters.selection == 'tau_pt>40'
def fourth = log('fourth.log'), fifth = log('fifth.log')
assert fourth.contains('skim: the result differs from the lock file') : fourth
assert fourth.contains('stage skim (skim): target/adversarial/skim/data.root differs from adversarial.lock.json')
assert fourth.contains('Fix: find what changed')
assert fifth.contains('skim (skim) runs: parameter selection changed') : fifth
assert fifth.contains('BUILD SUCCESS')
return true
