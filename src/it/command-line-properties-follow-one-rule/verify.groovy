def list = new File(basedir, 'list.log').text, single = new File(basedir, 'single.log').text
assert list.contains('<samples> is set in the pom and -Dadversarial.toy.samples on the command line') : list
assert list.contains('Fix: give the list in one place')
assert single.contains('[WARNING] -Dadversarial.toy.seed=5 is ignored: the pom sets <seed>') : single
assert single.contains('Generating 1 toy sample (seed 3,') : 'the pom value was used'
assert new File(basedir, 'target/adversarial/toy/DYtautau.root').isFile()
assert !new File(basedir, 'target/adversarial/toy/data.root').exists()
return true
