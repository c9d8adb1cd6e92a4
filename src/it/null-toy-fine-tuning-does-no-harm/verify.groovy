// The null toy ran end to end, and neither model tells data from simulation in D_jet: chi2/ndf stays at the
// statistical floor before and after the fine-tuning, and the adversary finds nothing to separate.
import groovy.json.JsonSlurper
def metrics = new JsonSlurper().parse(new File(basedir, 'target/adversarial/evaluate/metrics.json'))
['default', 'adversarial'].each { m ->
    assert metrics[m].chi2_ndf_djet <= 1.35 : "${m}: chi2/ndf ${metrics[m].chi2_ndf_djet}"
    assert metrics[m].ks_djet < 0.03 : "${m}: KS ${metrics[m].ks_djet}"
    // the window holds enough data for the chi2 to mean something
    assert metrics[m].ndf_djet >= 30
}
assert metrics.adversarial.adv_auc <= 0.53
def log = new File(basedir, 'build.log').text
assert log.contains('All 3 quality gates passed')
println "null toy: chi2/ndf default ${metrics.default.chi2_ndf_djet}, adversarial ${metrics.adversarial.chi2_ndf_djet}; " +
        "KS ${metrics.default.ks_djet} -> ${metrics.adversarial.ks_djet}; adv_auc ${metrics.adversarial.adv_auc}"
return true
