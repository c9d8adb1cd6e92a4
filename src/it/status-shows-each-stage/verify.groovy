def log = { name -> new File(basedir, name).text }
def build = log('build.log'), changed = log('status-changed.log'), same = log('status-same.log')
assert build.contains('BUILD SUCCESS') : build
// From nothing, every input is written by an earlier execution: no problem; the skipped skim is not checked.
assert build.contains('Validated the pipeline: 3 executions') : build
assert build.contains('skim (skim-unused): skipped (skip=true), not checked')

// One line per stage execution, in lifecycle order, with the reason when it would run.
assert changed.contains('What mvn verify would do (nothing is run):') : changed
def line = { text, stage -> text.readLines().find { it.contains('  ' + stage + '  ') } }
assert line(changed, 'toy-ntuples (toy)').endsWith('up to date') : changed
assert line(changed, 'skim (skim)').contains('would run: parameter selection changed') : changed
assert line(changed, 'skim (skim-unused)').endsWith('skipped (skip=true)') : changed
// The mix's own fingerprint is unchanged, but the skim that would run rewrites its inputs.
assert line(changed, 'mix (mix)').endsWith('would run: inputs rewritten by skim (skim): data.root, DY_taus.root') : changed
assert !changed.contains('validate (validate)')
def order = ['toy-ntuples (toy)', 'skim (skim)', 'skim (skim-unused)', 'mix (mix)'].collect { s ->
    changed.readLines().findIndexOf { it.contains('  ' + s + '  ') } }
assert order == order.sort(false) && !order.contains(-1) : order

// Nothing ran and nothing was written: no skim ran, the fingerprints still hold the first build's selection, and a
// status with the original cut finds every stage up to date.
assert !changed.contains('Skim summary:') && !changed.contains('runs:')
def fp = new groovy.json.JsonSlurperClassic().parse(new File(basedir, 'target/adversarial/.fingerprints/skim-skim.json'))
assert fp.parameters.selection == 'tau_pt > 30' : fp.parameters
assert !new File(basedir, 'target/adversarial/unused').exists()
['toy-ntuples (toy)', 'skim (skim)', 'mix (mix)'].each { s -> assert line(same, s).endsWith('up to date') : same }
return true
