// evaluate ran in integration-test and wrote metrics for both models, the plots and one self-contained report;
// check ran in verify and logged every gate as passed.
import groovy.json.JsonSlurper
def out = new File(basedir, 'target/adversarial/evaluate')
def metrics = new JsonSlurper().parse(new File(out, 'metrics.json'))
assert metrics.keySet() as List == ['default', 'adversarial']
assert metrics.default.chi2_ndf_djet > 2 * metrics.adversarial.chi2_ndf_djet
assert !metrics.default.containsKey('adv_auc') && metrics.adversarial.containsKey('adv_auc')
['djet_default', 'djet_adversarial', 'djet_ratio', 'yadv_adversarial', 'roc_tau_vs_jet', 'roc_tau_vs_e',
 'roc_tau_vs_mu'].each { id ->
    ['png', 'pdf'].each { assert new File(out, "plots/${id}.${it}").length() > 1000 : "${id}.${it}" }
}
// The PDFs are dated project.build.outputTimestamp (SOURCE_DATE_EPOCH wins when the environment sets it).
def epoch = System.getenv('SOURCE_DATE_EPOCH')
def date = epoch ? java.time.Instant.ofEpochSecond(epoch.trim() as long) : java.time.Instant.parse('2026-01-01T00:00:00Z')
def pdfDate = 'D:' + java.time.format.DateTimeFormatter.ofPattern('yyyyMMddHHmmss').withZone(java.time.ZoneOffset.UTC)
        .format(date) + 'Z'
def pdfText = new String(new File(out, 'plots/djet_default.pdf').bytes, 'ISO-8859-1')
assert pdfText.contains("/CreationDate(${pdfDate})") && pdfText.contains("/ModDate(${pdfDate})") : pdfDate
def html = new File(out, 'report.html').text
assert html.contains('<table id="metrics">') && html.contains('data:image/png;base64,')
// Files are named relative to the project in the report's settings, the same in every checkout.
assert html.contains('<td>model default</td><td>target/adversarial/evaluate/predictions/default_predictions.csv')
assert !html.contains(basedir.canonicalPath) && !html.contains(basedir.absolutePath)
def log = new File(basedir, 'build.log').text
assert log.contains('adversarial-maven-plugin') && log.contains(':evaluate (evaluate)')
assert log.indexOf(':evaluate (evaluate)') < log.indexOf(':check (check)')
assert log.contains('Quality gate chi2_ndf_djet(adversarial) <= 1.6: passed')
assert log.contains('All 5 quality gates passed')
return true
