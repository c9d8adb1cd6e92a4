// The clash names the output element and the element that reads the file; nothing was skimmed and the input survived.
def log = new File(basedir, 'build.log').text
assert log.contains('no sample was skimmed') : log
def toy = new File(basedir, 'target/adversarial/toy/DYtautau.root')
assert log.contains('<samples><sample name="data"><output>: would overwrite ' + toy.canonicalPath +
        ', which <samples><sample name="DY_taus"><inputs> reads') : log
assert log.contains('Fix: write the output elsewhere')
assert log.contains('MojoFailureException')
def head = new byte[4]
toy.withInputStream { it.read(head) }
assert new String(head, 'US-ASCII') == 'root' : 'the input is still the toy ROOT file'
def skim = new File(basedir, 'target/adversarial/skim')
assert !skim.exists() || skim.list().length == 0 : "the skim wrote ${skim.list()}"
return true
