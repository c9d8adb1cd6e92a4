// Both bad gates are reported at once, each with its pom element and the fix; no prediction was needed and nothing
// was written; check never ran.
def log = new File(basedir, 'build.log').text
assert log.contains('The evaluation is declared in a way that cannot run; nothing was evaluated')
assert log.contains('2 problems:')
assert log.contains('<gates><gate index="2"><metric>: unknown metric \'chi2_ndf_jet\'')
assert log.contains('Fix: use one of chi2_ndf_djet, ks_djet')
assert log.contains('<gates><gate index="3">: more than one limit ([max, min])')
assert log.contains('MojoFailureException')
assert !log.contains(':check (check)')
assert !new File(basedir, 'target/adversarial/evaluate').exists()
return true
