// Synthetic predictions with known answers, written as the predictions step will write them: a default model whose
// data tau D_jet is mismodelled (x = u^(1/16) in data, u^(1/20) in simulation), an adversarial model whose data and
// simulation agree and whose y_adv cannot tell them apart, and both models' class predictions.
def dir = new File(basedir, 'target/adversarial/evaluate/predictions')
dir.mkdirs()
def blocks = [[1, 36, 2], [2, 2, 2], [5, 5, 3], [6, 5, 3], [4, 1, 3], [3, 1, 1]] // dataset_id, per batch, true class
def djet = { Random r, int kind, double a -> (float) (kind == 2 ? Math.pow(r.nextDouble(), 1 / a) : kind == 3 ? r.nextDouble() : Math.pow(r.nextDouble(), 0.2)) }
def write = { String name, long seed, double dataShape, boolean head ->
    def r = new Random(seed)
    def out = new StringBuilder('Djet,y,weights' + (head ? ',y_pred_adv' : '') + ',dataset_id,tau_pt,tau_eta,tau_decayMode,toy_truth_tauType\n')
    300.times {
        50.times {
            double u = r.nextDouble() * 50
            int kind = u < 38 ? 2 : u < 49 ? 3 : 1
            out << djet(r, kind, dataShape) << ',1,1.0' << (head ? ',' + (float) (0.5 + 0.01 * r.nextGaussian()) : '') << ',0,35.0,0.1,1,' << kind << '\n'
        }
        blocks.each { b -> b[1].times {
            out << djet(r, b[2], 20d) << ',0,1.0' << (head ? ',' + (float) (0.5 + 0.01 * r.nextGaussian()) : '') << ',' << b[0] << ',35.0,0.1,1,' << b[2] << '\n'
        } }
    }
    new File(dir, name + '_predictions.csv').text = out.toString()
    def c = new StringBuilder('p_e,p_mu,p_tau,p_jet,y_class,weight\n')
    20000.times {
        int y = r.nextInt(4)
        double[] z = (0..3).collect { k -> Math.exp((k == y ? 2.0 : 0.0) + r.nextGaussian()) } as double[]
        double s = z.sum()
        c << z.collect { (float) (it / s) }.join(',') << ',' << y << ',1.0\n'
    }
    new File(dir, name + '_class_predictions.csv').text = c.toString()
}
write('default', 1, 16d, false)
write('adversarial', 2, 20d, true)
return true
