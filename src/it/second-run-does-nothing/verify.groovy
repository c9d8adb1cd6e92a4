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
return true
