def log = { name -> new File(basedir, name).text }
def first = log('first.log'), moved = log('moved.log')
assert first.contains('skim (skim) runs: no earlier run') : first
assert new File(basedir, 'moved/target/adversarial/.fingerprints/skim-skim.json').isFile()

// The fingerprints name files relative to the project directory, so the copy is up to date stage by stage.
assert moved.contains('toy-ntuples (toy): up to date, nothing to do') : moved
assert moved.contains('skim (skim): up to date, nothing to do') : moved
assert !moved.contains('Generating') && !moved.contains('Skim summary:')
def fp = new File(basedir, 'moved/target/adversarial/.fingerprints/skim-skim.json').text
assert !fp.contains(new File(basedir, 'original').canonicalPath) : fp
assert fp.contains('"target/adversarial/skim/data.root"') : fp
return true
