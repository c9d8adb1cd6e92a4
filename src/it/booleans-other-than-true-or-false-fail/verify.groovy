def log = new File(basedir, 'build.log').text
assert log.contains("<skip> (-Dadversarial.skim.skip): 'yes' is not a boolean") : log
assert log.contains("<samples><sample><computeTauType>: '1' is not a boolean") : log
assert log.contains('Fix: write true or false (Maven would read any other value as false).')
assert !log.contains('Skipping skim') : 'a flag that is not a boolean must not be taken as true or false'
assert !new File(basedir, 'target/adversarial').exists()
return true
