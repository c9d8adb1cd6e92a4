// The build failed in check (after evaluate wrote its outputs) with one message listing all three failed gates, each
// with its pom element, value and limit; the gate that passed is logged as passed.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/adversarial/evaluate/metrics.json').isFile()
assert new File(basedir, 'target/adversarial/evaluate/report.html').isFile()
assert !new File(basedir, 'target/adversarial/evaluate/plots/djet_default.pdf').exists() : '<pdf>false</pdf>'
assert log.contains('3 of 4 quality gates failed')
assert log =~ /(?m)<gates><gate index="1"> chi2_ndf_djet\(default\) <= 1\.3: FAILED, value \d+\.\d+, limit 1\.3$/
assert log =~ /(?m)<gates><gate index="3"> auc_tau_vs_jet\(adversarial\) >= 0\.999: FAILED, value 0\.9\d+, limit 0\.999$/
assert log.contains('<gates><gate index="4"> adv_auc(default) <= 0.53: FAILED, adv_auc was not computed for default')
assert log.contains('Quality gate adv_auc(adversarial) <= 0.53: passed')
assert log.contains('MojoFailureException')
return true
