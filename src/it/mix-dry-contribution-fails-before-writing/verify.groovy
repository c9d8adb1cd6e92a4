// The failure names the contribution's element, the entries needed and the entries it has; both contributions are
// dry (data 1500 > 2000? no: 10 × 150 = 1500 ≤ 2000; DY_taus 1500 > 1000), so only DY_taus is reported.
def log = new File(basedir, 'build.log').text
assert log.contains('<contributions><contribution name="DY_taus"><perBatch>: DY_taus runs dry: the mix needs 1500' +
        ' entries (10 per batch × (100 + 50) batches) but')
assert log.contains('DYtautau.root has 1000')
assert log.contains('Fix: give DY_taus more entries, or lower the batch counts (it has enough for 100 batches)')
assert !log.contains('<contribution name="data"><perBatch>')
assert log.contains('MojoFailureException') : 'a dry contribution is a build failure, not an execution error'

// The toy ntuples were written (the execution before); the mix wrote nothing.
['data', 'DYtautau'].each { assert new File(basedir, "target/adversarial/toy/${it}.root").isFile() }
def mix = new File(basedir, 'target/adversarial/mix')
assert !mix.exists() || mix.list().length == 0 : "the mix wrote ${mix.list()}"
return true
