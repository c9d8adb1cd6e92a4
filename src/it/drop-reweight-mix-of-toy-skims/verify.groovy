import groovy.json.JsonSlurperClassic

def log = new File(basedir, 'build.log').text

// drop: the per-bin table (observed, target, p, kept) with under- and overflow, and the dropped file.
assert log =~ /(?m)\[INFO\] DY_taus: [\d,]+ entries examined, [\d,]+ kept \(/
assert log =~ /(?m)\[INFO\]\s+bin\s+range\s+observed\s+target\s+p\s+kept/
assert log =~ /(?m)\[INFO\]\s+0\s+\[-inf, 30\)\s+0\s/ : 'the skim kept nothing below 30 GeV: the underflow is empty'
assert log =~ /(?m)\[INFO\]\s+6\s+\[400, inf\)\s/
assert (new File(basedir, 'target/adversarial/drop').list() as List) == ['DY_taus.root']

// reweight: one histogram per contribution, named by <weights> (or the name).
assert log.contains('reweight: 3 weight histograms (data DYT WJ) from data / total simulation per bin')
assert new File(basedir, 'target/adversarial/reweight/adv_weights.root').isFile()

// mix: both outputs, nothing else in the directory (no temporary files).
assert (new File(basedir, 'target/adversarial/mix').list() as List).sort() ==
        ['adv_dataset_evaluate.root', 'adv_dataset_trainval.root']
assert log.contains('mix: 40 batches of 10 (400 entries) to adv_dataset_trainval.root and 20 batches (200 entries)')

// Composition: 5 data (id 0, tauType 8), 4 DY τh (id 1, tauType 2), 1 W jet (id 5, tauType 3) per batch.
def json = { String name -> new JsonSlurperClassic().parse(new File(basedir, "target/adversarial/inspect/${name}.json")) }
[['trainval', 40], ['evaluate', 20]].each { String name, int batches ->
    def j = json(name)
    assert j.entries == batches * 10
    assert j.branches.dataset_id.numericSum == batches * (4 * 1 + 1 * 5)
    assert j.branches.tauType.numericSum == batches * (5 * 8 + 4 * 2 + 1 * 3)
    assert j.branches.weight.numericCount == batches * 10
    assert j.branches.weight.numericSum > 0
}
// The toy's truth branch came through the skim and the mix.
assert json('trainval').branches.toy_truth_tauType.numericCount == 400
return true
