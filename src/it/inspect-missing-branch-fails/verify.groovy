// The failure names the file, the tree and the branch, suggests the closest names and says how to fix it.
def log = new File(basedir, 'build.log').text
assert log.contains('uproot-HZZ.root')
assert log.contains("tree 'events': no branch 'Jet_Pxx' (did you mean Jet_Px")
assert log.contains('Fix: correct <branches> (-Dadversarial.inspect.branches=a,b)')
assert !log.contains("no branch 'NJet") : 'the property is split at commas; NJet exists'
assert log.contains('MojoFailureException') : 'a bad request is a build failure, not an execution error'
return true
