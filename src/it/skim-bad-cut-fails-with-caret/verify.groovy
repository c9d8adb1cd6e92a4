// The failure shows the cut as written, a caret under the unknown branch, the pom element and the sample, and
// nothing was skimmed: every sample is validated before the first one is written.
// Maven prints every line of the message behind the same "[ERROR] " prefix, so the caret stays in its column.
def log = new File(basedir, 'build.log').text
def lines = log.readLines().collect { it.startsWith('[ERROR] ') ? it.substring(8) : it }
def cut = 'mytauType==2 && tau_ptt>20'
def at = lines.findIndexOf { it == cut }
assert at >= 0 : "the cut is not on a line of its own:\n${log}"
assert lines[at + 1] == ' ' * cut.indexOf('tau_ptt') + '^' : "no caret under tau_ptt:\n${lines[at]}\n${lines[at + 1]}"
assert lines[at - 1] == '<samples><sample name="DY_taus"><cut>: unknown branch \'tau_ptt\'; did you mean tau_pt, tau_eta' +
        ' or tau_phi?'
assert !log.contains('&& (mytauType') : 'the cut is shown as written, not combined with the selection'
assert log.contains('Fix: correct the <cut> of sample DY_taus')
assert log.contains('no sample was skimmed')
assert log.contains('MojoFailureException') : 'a bad cut is a build failure, not an execution error'

// The toy ntuples were written (the execution before), the skim wrote nothing, not even for the valid first sample.
['data', 'DYtautau'].each { assert new File(basedir, "target/adversarial/toy/${it}.root").isFile() }
def skim = new File(basedir, 'target/adversarial/skim')
assert !skim.exists() || skim.list().length == 0 : "the skim wrote ${skim.list()}"
return true
