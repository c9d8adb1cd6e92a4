def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE') : log
// Everything in one failure, in lifecycle order, each problem naming its execution and element.
assert log.contains('The declared pipeline has 10 problems in 6 executions') && log.contains('nothing was run') : log
def problems = [
    'toy-ntuples (toy) <particles>',
    'skim (skim-zmumu) <selection> (adversarial.skim.selection',
    'mix (mix) <contributions><contribution name="W_jets"><input>',
    'mix (mix) <contributions><contribution name="DY_taus"><perBatch>',
    'mix (mix) <contributions><contribution name="W_jets"><datasetId>',
    'mix (mix) <weightsFile>',
    'train (train-adversarial) <adversarialDataset> (adversarial.train.adversarialDataset)',
    'train (train-wrong-dataset) <classificationDataset> (adversarial.train.classificationDataset): is the'
            + ' adversarial dataset written by dataset (dataset-adversarial), not a classification one',
    'check (check) <metricsFile> (adversarial.check.metricsFile)',
    'check (check) <gates>',
]
problems.each { assert log.contains(it) : "missing: " + it + "\n" + log }
assert log.contains('pxx2') && log.contains('px2') // the unknown branch, and the closest names
assert log.contains('W_jets.root does not exist and no earlier stage writes it')
assert log.contains('adv_weights.root does not exist: reweight (reweight), which writes it, is skipped (skip=true)')
assert log.contains('reweight (reweight): skipped (skip=true), not checked')
assert log.contains('its network inputs') && log.contains('differ from the classification dataset')
assert log.contains('chi2_ndf_djet')
// Inputs that earlier executions write are fine before they exist.
assert !log.contains('data.root does not exist') && !log.contains('training.root does not exist')
assert !log.contains('<startingModel>')
assert log.count('<classificationDataset>') == 1
// Nothing ran, nothing was written.
assert !log.contains('Generating') && !log.contains('runs:')
assert !new File(basedir, 'target/adversarial').exists()
return true
