package io.github.tauml.pipeline.toy;

import io.github.tauml.pipeline.dataset.TauType;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates τh candidates of one toy sample into TauTuple columns. The particles in the cone come first; the
 * high-level features and the legacy DeepTau scores are then computed from them, so that a mismodelled particle
 * (more photons, more pile-up, worse impact parameters) moves every feature that depends on it, as in real data.
 * Documented in docs/toy-ntuples.md.
 */
final class CandidateGenerator {
    private static final double MUON_MASS = 0.10566;
    private static final double PION_MASS = 0.13957;
    private static final double ELECTRON_MASS = 0.000511;
    private static final double CONE = 0.5;
    private static final float MISSING = -999f;
    private static final int CHARGED_HADRON = 1;
    private static final int ELECTRON = 2;
    private static final int MUON = 3;
    private static final int PHOTON = 4;
    private static final int NEUTRAL_HADRON = 5;

    /**
     * Pre-selection mixture of the μτh control region, tuned so that after the reference cuts the data hold what the
     * reference mix's simulation half holds: 76 % τh, 22 % jets, 2 % μ, no e (docs/toy-ntuples.md).
     */
    private static final ToySample[] DATA_PROCESSES = {ToySample.DY_TAUTAU, ToySample.DY_MUMU, ToySample.TTBAR,
            ToySample.WJETS, ToySample.QCD};
    private static final double[] DATA_FRACTIONS = {0.075, 0.10, 0.02, 0.4025, 0.4025};

    private final ToySample sample;
    private final Mismodelling mis;
    private final boolean particles;
    private final Rng rng;
    private final Map<String, ColumnBuilder> cols = new LinkedHashMap<>();
    private final Particles p = new Particles();

    CandidateGenerator(ToySample sample, Mismodelling dataMismodelling, boolean particles, long seed, int capacity) {
        this.sample = sample;
        this.mis = sample.isData() ? dataMismodelling : Mismodelling.none();
        this.particles = particles;
        this.rng = new Rng(seed);
        for (TauTupleSchema.Field f : TauTupleSchema.fields()) {
            if (particles || f.shape() == io.github.tauml.rootio.tree.Shape.SCALAR) {
                cols.put(f.name(), new ColumnBuilder(f.name(), f.type(), f.shape(), 1,
                        f.shape() == io.github.tauml.rootio.tree.Shape.SCALAR ? capacity : capacity * 24));
            }
        }
    }

    /** The truth of one generated candidate, for tests and calibration (never written to data files). */
    record Truth(ToySample process, CandidateKind kind) {
    }

    Truth generate(long eventNumber) {
        ToySample process = sample.isData() ? DATA_PROCESSES[rng.pick(DATA_FRACTIONS)] : sample;
        CandidateKind kind = pickKind(process);
        Candidate c = new Candidate(process, kind);
        fill(c, eventNumber);
        return new Truth(process, kind);
    }

    Map<String, Column> build() {
        Map<String, Column> out = new LinkedHashMap<>();
        cols.forEach((k, v) -> out.put(k, v.build()));
        return out;
    }

    private CandidateKind pickKind(ToySample process) {
        CandidateKind[] kinds = CandidateKind.values();
        double[] w = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            w[i] = process.kindFraction(kinds[i]);
        }
        return kinds[rng.pick(w)];
    }

    /** Everything decided about one candidate before its columns are written. */
    private final class Candidate {
        final ToySample process;
        final CandidateKind kind;
        double visPt;
        double pt;
        double eta;
        double phi;
        double mass;
        int decayMode;
        int charge;
        int prongs;
        int pi0s;
        double rho;

        Candidate(ToySample process, CandidateKind kind) {
            this.process = process;
            this.kind = kind;
        }
    }

    private void fill(Candidate c, long eventNumber) {
        c.decayMode = decayMode(c.kind);
        c.prongs = c.decayMode >= 10 ? 3 : c.decayMode >= 5 ? 2 : 1;
        c.pi0s = switch (c.decayMode) {
            case 1, 6, 11 -> 1;
            case 2 -> 2;
            default -> 0;
        };
        do {
            c.visPt = spectrum(c.process, c.kind);
            c.pt = recoPt(c);
        } while (c.pt < 20);
        do {
            c.eta = rng.gauss(0, 1.1);
        } while (Math.abs(c.eta) > 2.5);
        c.phi = rng.uniform(-Math.PI, Math.PI);
        c.charge = rng.chance(0.5) ? 1 : -1;
        c.mass = mass(c);
        c.rho = rng.gamma(5, 4) * mis.pileupDensity();

        p.clear();
        makeParticles(c);
        Features f = features(c);

        event(c, eventNumber);
        tau(c, f);
        gen(c);
        tag(c);
        if (particles) {
            writeParticles(c);
        }
    }

    private int decayMode(CandidateKind k) {
        return switch (k) {
            case TAU -> new int[] {0, 1, 2, 10, 11}[rng.pick(new double[] {0.25, 0.48, 0.05, 0.17, 0.05})];
            case ELECTRON -> rng.chance(0.45) ? 0 : 1;
            case MUON -> rng.chance(0.8) ? 0 : 1;
            case JET, PILEUP_JET -> new int[] {0, 1, 2, 5, 6, 10, 11, 7}[rng.pick(
                    new double[] {0.22, 0.22, 0.05, 0.06, 0.06, 0.24, 0.12, 0.03})];
        };
    }

    /** Visible pT of the generated object (τh, lepton) or pT of the jet. */
    private double spectrum(ToySample process, CandidateKind kind) {
        boolean jet = kind == CandidateKind.JET || kind == CandidateKind.PILEUP_JET;
        return switch (process) {
            case DY_TAUTAU -> jet ? 20 + rng.exp(15) : 17 + rng.gamma(2.0, 10);
            case DY_MUMU -> jet ? 20 + rng.exp(15) : 18 + rng.gamma(3.0, 9);
            case TTBAR -> jet ? 20 + rng.gamma(1.8, 30) : 18 + rng.gamma(2.0, 25);
            case WJETS -> jet ? 20 + rng.gamma(1.3, 22) : 18 + rng.gamma(2.0, 15);
            case QCD -> jet ? 20 + rng.gamma(1.1, 16) : 18 + rng.gamma(1.5, 10);
            case TRAINING -> Math.min(1000, 18 + rng.exp(80));
            case DATA -> throw new AssertionError("data draws a process first");
        };
    }

    private double recoPt(Candidate c) {
        return switch (c.kind) {
            case TAU -> c.visPt * rng.gauss(0.985, 0.07) * mis.tauEnergyScale();
            case ELECTRON -> c.visPt * rng.gauss(0.98, 0.04);
            case MUON -> c.visPt * rng.gauss(1.0, 0.02);
            case JET, PILEUP_JET -> c.visPt * rng.uniform(0.5, 0.95);
        };
    }

    private double mass(Candidate c) {
        return switch (c.decayMode) {
            case 0 -> c.kind == CandidateKind.MUON ? MUON_MASS : c.kind == CandidateKind.ELECTRON ? ELECTRON_MASS
                    : PION_MASS;
            case 1, 2 -> clamp(rng.gauss(c.kind == CandidateKind.TAU ? 0.78 : 0.9, 0.2), 0.3, 1.7);
            default -> clamp(rng.gauss(c.kind == CandidateKind.TAU ? 1.05 : 1.2, c.kind == CandidateKind.TAU
                    ? 0.15 : 0.35), 0.6, 2.5);
        };
    }

    // --- particles ------------------------------------------------------------------------------------------

    private void makeParticles(Candidate c) {
        boolean jet = c.kind == CandidateKind.JET || c.kind == CandidateKind.PILEUP_JET;
        double signalCone = signalCone(c.pt);
        switch (c.kind) {
            case ELECTRON -> {
                double brem = c.decayMode == 1 ? rng.uniform(0.05, 0.35) : 0;
                p.add(c.pt * (1 - brem), rng.gauss(0, 0.004), rng.gauss(0, 0.004), ELECTRON_MASS, ELECTRON,
                        c.charge, true, promptIp(c.pt));
                if (brem > 0) {
                    p.add(c.pt * brem, rng.gauss(0, 0.005), rng.gauss(0, 0.05), 0, PHOTON, 0, true, 0);
                }
            }
            case MUON -> {
                double rest = c.decayMode == 1 ? rng.uniform(0.02, 0.15) : 0;
                p.add(c.pt * (1 - rest), rng.gauss(0, 0.002), rng.gauss(0, 0.002), MUON_MASS, MUON, c.charge, true,
                        promptIp(c.pt));
                if (rest > 0) {
                    p.add(c.pt * rest, rng.gauss(0, 0.01), rng.gauss(0, 0.04), 0, PHOTON, 0, true, 0);
                }
            }
            default -> signalLikeTau(c, signalCone);
        }
        if (jet) {
            jetRemnant(c);
        }
        // Underlying event: soft charged particles and photons from the hard interaction.
        double photons = 0.6 * (c.kind == CandidateKind.TAU ? mis.tauPhotonActivity() : 1);
        isotropic(rng.poisson(0.7), CHARGED_HADRON, 0.9, true, c);
        isotropic(rng.poisson(photons), PHOTON, 0.9, true, c);
        // Pile-up: charged particles from other vertices and neutrals, both scaling with ρ.
        isotropic(rng.poisson(0.08 * c.rho), CHARGED_HADRON, 0.6, false, c);
        isotropic(rng.poisson(0.07 * c.rho), PHOTON, 0.6, false, c);
        isotropic(rng.poisson(0.03 * c.rho), NEUTRAL_HADRON, 0.8, false, c);
    }

    /** Charged prongs and π0 photons carrying the candidate's pT (genuine τh, and jets that fake one). */
    private void signalLikeTau(Candidate c, double cone) {
        double neutralShare = c.pi0s == 0 ? 0 : rng.uniform(0.2, 0.65);
        double[] shares = new double[c.prongs];
        double total = 0;
        for (int i = 0; i < c.prongs; i++) {
            shares[i] = rng.exp(1);
            total += shares[i];
        }
        boolean lifetime = c.kind == CandidateKind.TAU;
        for (int i = 0; i < c.prongs; i++) {
            double pt = c.pt * (1 - neutralShare) * shares[i] / total;
            double dxy = lifetime ? (rng.chance(0.5) ? 1 : -1) * rng.exp(0.0045) : 0;
            int q = i == 0 ? c.charge : (i == 1 ? -c.charge : c.charge);
            p.add(pt, rng.gauss(0, cone / 3), rng.gauss(0, cone / 3), PION_MASS, CHARGED_HADRON, q, true,
                    dxy + smearIp(pt));
        }
        for (int k = 0; k < c.pi0s; k++) {
            double pt0 = c.pt * neutralShare / c.pi0s;
            if (rng.chance(0.3)) {
                p.add(pt0, rng.gauss(0, 0.01), rng.gauss(0, 0.03), 0, PHOTON, 0, true, 0);
            } else {
                double f = rng.uniform(0.2, 0.8);
                p.add(pt0 * f, rng.gauss(0, 0.01), rng.gauss(0, 0.05), 0, PHOTON, 0, true, 0);
                p.add(pt0 * (1 - f), rng.gauss(0, 0.01), rng.gauss(0, 0.05), 0, PHOTON, 0, true, 0);
            }
        }
        p.markSignalEnd();
    }

    /** The rest of a jet beyond what fakes the τh: more charged hadrons, photons and neutral hadrons in the cone. */
    private void jetRemnant(Candidate c) {
        double jetPt = c.visPt;
        double remainder = Math.max(0, jetPt - c.pt);
        int nCh = rng.poisson(1.5 + 0.03 * jetPt);
        int nPh = rng.poisson((1.8 + 0.03 * jetPt) * mis.jetPhotonMultiplicity());
        int nNh = rng.poisson(0.5 + 0.01 * jetPt);
        int n = nCh + nPh + nNh;
        if (n == 0) {
            return;
        }
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = rng.exp(1);
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            int type = i < nCh ? CHARGED_HADRON : i < nCh + nPh ? PHOTON : NEUTRAL_HADRON;
            double pt = Math.max(0.5, remainder * w[i] / total);
            if (type == NEUTRAL_HADRON) {
                pt *= mis.jetNeutralHadronResponse();
            }
            double r = CONE * Math.pow(rng.uniform(), 0.8);
            double a = rng.uniform(0, 2 * Math.PI);
            p.add(pt, r * Math.cos(a), r * Math.sin(a), type == CHARGED_HADRON ? PION_MASS : 0, type,
                    type == CHARGED_HADRON ? (rng.chance(0.5) ? 1 : -1) : 0, true,
                    type == CHARGED_HADRON ? smearIp(pt) : 0);
        }
    }

    private void isotropic(int n, int type, double meanPt, boolean fromPv, Candidate c) {
        for (int i = 0; i < n; i++) {
            double pt = 0.5 + rng.exp(meanPt);
            double r = CONE * Math.sqrt(rng.uniform());
            double a = rng.uniform(0, 2 * Math.PI);
            boolean charged = type == CHARGED_HADRON;
            double dxy = !charged ? 0 : fromPv ? smearIp(pt) : rng.gauss(0, 0.05);
            p.add(pt, r * Math.cos(a), r * Math.sin(a), charged ? PION_MASS : 0, type,
                    charged ? (rng.chance(0.5) ? 1 : -1) : 0, fromPv, dxy);
        }
    }

    /** The simulated tracking resolution (what the reconstructed error says), before mismodelling. */
    private static double nominalIpError(double pt) {
        return 0.0015 * (1 + 3 / Math.max(pt, 1));
    }

    /** Measurement smearing: resolution and 3σ tails, both worse in data when mismodelled. */
    private double smearIp(double pt) {
        double sigma = nominalIpError(pt) * mis.ipResolution();
        if (rng.chance(0.015 * mis.ipTails())) {
            sigma *= 3;
        }
        return rng.gauss(0, sigma);
    }

    private double promptIp(double pt) {
        return smearIp(pt);
    }

    private static double signalCone(double pt) {
        return Math.max(0.05, Math.min(0.1, 3.0 / pt));
    }

    // --- features -------------------------------------------------------------------------------------------

    private record Features(double chargedIso, double neutralIso, double neutralIsoWeight, double footprint,
                            double photonOutside, double puCorr, double dxy, double dxyError, double ip3d,
                            double ip3dError, double dz, double flightSig, int secondaryVertex, double emFraction,
                            double detaStrip, double dphiStrip, double drSignal, double drIso, double chi2,
                            double eRatio, double gjAngle, int nPhotons, double vsJet, double vsE, double vsMu) {
    }

    private Features features(Candidate c) {
        double cone = signalCone(c.pt);
        double chIso = 0;
        double neuIso = 0;
        double neuIsoW = 0;
        double footprint = 0;
        double photonOutside = 0;
        double puCorr = 0;
        double sigPt = 0;
        double sigDr = 0;
        double isoPt = 0;
        double isoDr = 0;
        double stripPt = 0;
        double stripDeta = 0;
        double stripDphi = 0;
        double em = 0;
        int nPhotons = 0;
        for (int i = 0; i < p.n; i++) {
            double dr = Math.hypot(p.deta[i], p.dphi[i]);
            boolean signal = i < p.signalEnd;
            if (signal) {
                sigPt += p.pt[i];
                sigDr += p.pt[i] * dr;
                if (p.type[i] == PHOTON) {
                    nPhotons++;
                    em += p.pt[i];
                    stripPt += p.pt[i];
                    stripDeta += p.pt[i] * Math.abs(p.deta[i]);
                    stripDphi += p.pt[i] * Math.abs(p.dphi[i]);
                    if (dr > cone) {
                        photonOutside += p.pt[i];
                    }
                }
                continue;
            }
            if (p.type[i] == CHARGED_HADRON && !p.fromPv[i]) {
                puCorr += p.pt[i];
                continue;
            }
            isoPt += p.pt[i];
            isoDr += p.pt[i] * dr;
            if (p.type[i] == CHARGED_HADRON || p.type[i] == ELECTRON || p.type[i] == MUON) {
                if (dr > cone) {
                    chIso += p.pt[i];
                }
            } else {
                neuIso += p.pt[i];
                neuIsoW += p.pt[i] * p.puppi[i];
                if (dr < 0.1) {
                    footprint += p.pt[i];
                }
                if (p.type[i] == PHOTON && dr > cone && dr < 0.3) {
                    photonOutside += p.pt[i];
                }
            }
        }
        int lead = p.leadingCharged();
        double dxy = lead >= 0 ? p.dxy[lead] : 0;
        double dxyError = nominalIpError(lead >= 0 ? p.pt[lead] : c.pt) * rng.gauss(1, 0.05);
        double ip3d = Math.abs(dxy) * rng.gauss(1.25, 0.1) + Math.abs(rng.gauss(0, 0.0005));
        double ip3dError = dxyError * 1.15;
        double flight = 0;
        int sv = 0;
        if (c.prongs == 3) {
            flight = c.kind == CandidateKind.TAU ? rng.exp(4.0) + rng.gauss(0, mis.ipResolution())
                    : Math.abs(rng.gauss(0, 1.2 * mis.ipResolution()));
            sv = flight > 2 ? 1 : 0;
        }
        double chi2 = c.kind == CandidateKind.ELECTRON ? rng.gamma(3, 1.2) : rng.gamma(2, 0.5);
        double emFraction = c.kind == CandidateKind.ELECTRON ? rng.uniform(0.85, 1.0) : em / Math.max(c.pt, 1);
        double eRatio = clamp(c.kind == CandidateKind.ELECTRON ? rng.gauss(0.95, 0.1)
                : c.kind == CandidateKind.MUON ? rng.gauss(0.05, 0.05) : emFraction + rng.gauss(0.35, 0.15), 0, 2);
        double gj = c.prongs == 3 ? Math.abs(rng.gauss(0, c.kind == CandidateKind.TAU ? 0.02 : 0.06)) : -1;

        double vsJet = legacyVsJet(c, chIso, neuIso, Math.abs(dxy) / dxyError, flight, isoDr / Math.max(isoPt, 1e-3));
        double vsE = sigmoid(c.kind == CandidateKind.ELECTRON ? rng.gauss(-4.5, 1.5) : rng.gauss(4.5, 1.2));
        double vsMu = sigmoid(c.kind == CandidateKind.MUON ? rng.gauss(-1.5, 2.0) : rng.gauss(5.0, 1.2));
        return new Features(chIso, neuIso, neuIsoW, footprint, photonOutside, puCorr * 2.56, dxy, dxyError, ip3d,
                ip3dError, rng.gauss(0, 0.01), flight, sv, emFraction,
                stripPt > 0 ? stripDeta / stripPt : 0, stripPt > 0 ? stripDphi / stripPt : 0,
                sigPt > 0 ? sigDr / sigPt : 0, isoPt > 0 ? isoDr / isoPt : 0, chi2, eRatio, gj, nPhotons,
                vsJet, vsE, vsMu);
    }

    /**
     * The legacy DeepTau2017v2p1 VSjet score of the toy: a fixed function of reconstructed features, so that it
     * moves with the data mismodelling exactly as a real trained discriminator would.
     */
    private double legacyVsJet(Candidate c, double chIso, double neuIso, double ipSig, double flight, double drIso) {
        double z = 3.9
                - 1.25 * Math.log1p(chIso)
                - 0.85 * Math.log1p(neuIso)
                + (c.prongs == 1 ? 0.30 * Math.min(ipSig, 6) : 0.30 * Math.min(Math.max(flight, 0), 8))
                - 0.8 * drIso
                + 0.25 * Math.log(c.pt / 30)
                + rng.gauss(0, 0.55);
        return sigmoid(z);
    }

    // --- columns ---------------------------------------------------------------------------------------------

    private void event(Candidate c, long evt) {
        boolean data = sample.isData();
        put("run", data ? 315252 + evt / 200_000 : 1);
        put("lumi", 1 + evt / 1000);
        put("evt", evt);
        put("sampleType", sample.sampleType());
        put("dataset_id", datasetId());
        double npu = c.rho / 0.55 + rng.gauss(0, 2);
        put("npu", (float) Math.max(0, npu));
        put("npv", Math.max(1, rng.poisson(0.7 * Math.max(npu, 1))));
        put("rho", (float) c.rho);
    }

    private long datasetId() {
        return switch (sample) {
            case DATA -> 0;
            case DY_TAUTAU -> 1;
            case TTBAR -> 2;
            case DY_MUMU -> 3;
            case WJETS -> 5;
            case QCD -> 6;
            case TRAINING -> 10;
        };
    }

    private void tau(Candidate c, Features f) {
        boolean noRecoTau = (c.kind == CandidateKind.JET || c.kind == CandidateKind.PILEUP_JET) && rng.chance(0.02);
        put("tau_index", noRecoTau ? -1 : 0);
        put("tau_pt", (float) c.pt);
        put("tau_eta", (float) c.eta);
        put("tau_phi", (float) c.phi);
        put("tau_mass", (float) c.mass);
        put("tau_charge", c.charge);
        put("tau_decayMode", c.decayMode);
        put("tau_decayModeFindingNewDMs", c.decayMode == 7 ? 0 : 1);
        put("tau_byDeepTau2017v2p1VSjetraw", (float) f.vsJet());
        put("tau_byDeepTau2017v2p1VSeraw", (float) f.vsE());
        put("tau_byDeepTau2017v2p1VSmuraw", (float) f.vsMu());
        put("tau_chargedIsoPtSum", (float) f.chargedIso());
        put("tau_neutralIsoPtSum", (float) f.neutralIso());
        put("tau_neutralIsoPtSumWeight", (float) f.neutralIsoWeight());
        put("tau_footprintCorrection", (float) f.footprint());
        put("tau_photonPtSumOutsideSignalCone", (float) f.photonOutside());
        put("tau_puCorrPtSum", (float) f.puCorr());
        put("tau_dxy", (float) f.dxy());
        put("tau_dxy_error", (float) f.dxyError());
        put("tau_dxy_sig", (float) (Math.abs(f.dxy()) / f.dxyError()));
        put("tau_ip3d", (float) f.ip3d());
        put("tau_ip3d_error", (float) f.ip3dError());
        put("tau_ip3d_sig", (float) (f.ip3d() / f.ip3dError()));
        put("tau_dz", (float) f.dz());
        put("tau_flightLength_sig", c.prongs == 3 ? (float) f.flightSig() : MISSING);
        put("tau_emFraction", (float) f.emFraction());
        put("tau_pt_weighted_deta_strip", (float) f.detaStrip());
        put("tau_pt_weighted_dphi_strip", (float) f.dphiStrip());
        put("tau_pt_weighted_dr_signal", (float) f.drSignal());
        put("tau_pt_weighted_dr_iso", (float) f.drIso());
        put("tau_leadingTrackNormChi2", (float) f.chi2());
        put("tau_e_ratio", (float) f.eRatio());
        put("tau_gj_angle_diff", (float) f.gjAngle());
        put("tau_leadChargedCand_etaAtEcalEntrance", (float) (c.eta + rng.gauss(0, 0.01)));
        put("tau_hasSecondaryVertex", f.secondaryVertex());
        put("tau_n_charged_prongs", c.prongs);
        put("tau_n_neutral_prongs", c.pi0s);
        put("tau_n_photons", f.nPhotons());
        double ae = Math.abs(c.eta);
        put("tau_inside_ecal_crack", ae > 1.46 && ae < 1.558 ? 1 : 0);
    }

    private void gen(Candidate c) {
        int leptonIndex = -1;
        int kind = -1;
        float visPt = MISSING;
        float visEta = MISSING;
        float visPhi = MISSING;
        float visMass = MISSING;
        int jetIndex = -1;
        float jetPt = MISSING;
        if (!sample.isData()) {
            switch (c.kind) {
                case TAU, ELECTRON, MUON -> {
                    leptonIndex = 0;
                    kind = switch (c.kind) {
                        case TAU -> 5;
                        case ELECTRON -> c.process == ToySample.DY_TAUTAU || rng.chance(0.2) ? 3 : 1;
                        default -> c.process == ToySample.DY_TAUTAU ? 4 : 2;
                    };
                    visPt = (float) c.visPt;
                    // A few candidates sit next to, not on, their generator lepton: no match (ΔR > 0.2).
                    double offset = rng.chance(0.01) ? 0.3 : rng.gauss(0, 0.01);
                    visEta = (float) (c.eta + offset);
                    visPhi = (float) TauType.deltaPhi(c.phi + rng.gauss(0, 0.01), 0);
                    visMass = (float) (c.kind == CandidateKind.TAU ? c.mass : c.kind == CandidateKind.MUON
                            ? MUON_MASS : ELECTRON_MASS);
                    jetIndex = c.kind == CandidateKind.TAU ? 0 : -1;
                    jetPt = c.kind == CandidateKind.TAU ? (float) (c.visPt * rng.gauss(1.05, 0.05)) : MISSING;
                }
                case JET -> {
                    jetIndex = 0;
                    jetPt = (float) (c.visPt * rng.gauss(1.0, 0.1));
                }
                case PILEUP_JET -> {
                }
            }
        }
        put("genLepton_index", leptonIndex);
        put("genLepton_kind", kind);
        put("genLepton_vis_pt", visPt);
        put("genLepton_vis_eta", visEta);
        put("genLepton_vis_phi", visPhi);
        put("genLepton_vis_mass", visMass);
        put("genJet_index", jetIndex);
        put("genJet_pt", jetPt);
        put("genJet_eta", jetIndex >= 0 ? (float) (c.eta + rng.gauss(0, 0.03)) : MISSING);
        put("genJet_phi", jetIndex >= 0 ? (float) TauType.deltaPhi(c.phi + rng.gauss(0, 0.03), 0) : MISSING);
        put("genJet_mass", jetIndex >= 0 ? (float) Math.abs(rng.gauss(5, 2)) : MISSING);
        put(TauTupleSchema.TOY_TRUTH, c.kind.tauTypeCode());
        put("tauType", TauType.of(c.eta, c.phi, leptonIndex, kind, visPt, visEta, visPhi, jetIndex,
                sample.sampleType()));
    }

    private void tag(Candidate c) {
        boolean dyMuMu = c.process == ToySample.DY_MUMU;
        put("has_extramuon", rng.chance(dyMuMu ? 0.12 : 0.03) ? 1 : 0);
        put("has_extraelectron", rng.chance(0.02) ? 1 : 0);
        put("has_dimuon", rng.chance(dyMuMu ? 0.30 : 0.01) ? 1 : 0);
        put("has_dielectron", rng.chance(0.01) ? 1 : 0);
        double eta;
        do {
            eta = rng.gauss(0, 1.0);
        } while (Math.abs(eta) > 2.1);
        put("tagObj_pt", (float) (25 + rng.exp(15)));
        put("tagObj_eta", (float) eta);
        put("tagObj_phi", (float) rng.uniform(-Math.PI, Math.PI));
        put("tagObj_mass", (float) MUON_MASS);
        put("tagObj_charge", -c.charge);
        put("tagObj_id", rng.chance(0.9) ? 7 : 3);
        put("tagObj_iso", (float) Math.min(0.149, rng.exp(0.03)));
    }

    private void writeParticles(Candidate c) {
        for (int i = 0; i < p.n; i++) {
            double eta = c.eta + p.deta[i];
            double phi = TauType.deltaPhi(c.phi + p.dphi[i], 0);
            put("pfCand_pt", p.pt[i]);
            put("pfCand_eta", eta);
            put("pfCand_phi", phi);
            put("pfCand_mass", p.mass[i]);
            put("pfCand_particleType", p.type[i]);
            put("pfCand_charge", p.charge[i]);
            put("pfCand_fromPV", p.fromPv[i] ? 3 : 0);
            put("pfCand_lostInnerHits", p.charge[i] != 0 && rng.chance(0.05) ? 1 : 0);
            put("pfCand_puppiWeight", p.puppi[i]);
            put("pfCand_dxy", p.charge[i] != 0 ? p.dxy[i] : 0);
            put("pfCand_dxy_error", p.charge[i] != 0 ? nominalIpError(p.pt[i]) : 0);
            put("pfCand_hcalFraction", p.type[i] == NEUTRAL_HADRON ? rng.uniform(0.7, 1) : p.type[i]
                    == CHARGED_HADRON ? rng.uniform(0.3, 0.9) : p.type[i] == MUON ? 0.02 : 0);
            if (p.type[i] == ELECTRON) {
                lepton("ele_", i, eta, phi, ELECTRON_MASS);
                put("ele_e_over_p", rng.gauss(1.0, 0.08));
            } else if (p.type[i] == MUON) {
                lepton("muon_", i, eta, phi, MUON_MASS);
                put("muon_normalizedChi2", rng.gamma(2, 0.6));
                put("muon_n_matches", 2 + rng.poisson(1.5));
            }
        }
        for (ColumnBuilder b : cols.values()) {
            if (b.name().startsWith("pfCand_") || b.name().startsWith("ele_") || b.name().startsWith("muon_")) {
                b.endEntry();
            }
        }
    }

    /** The kinematics and impact parameter every reconstructed lepton collection ({@code ele_}, {@code muon_}) has. */
    private void lepton(String prefix, int i, double eta, double phi, double mass) {
        put(prefix + "pt", p.pt[i]);
        put(prefix + "eta", eta);
        put(prefix + "phi", phi);
        put(prefix + "mass", mass);
        put(prefix + "dxy", p.dxy[i]);
        put(prefix + "dxy_error", nominalIpError(p.pt[i]));
        put(prefix + "charge", p.charge[i]);
    }

    private void put(String name, double v) {
        cols.get(name).add(v);
    }

    private void put(String name, long v) {
        cols.get(name).add(v);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The particles of one candidate, relative to its axis; signal constituents first. */
    private final class Particles {
        double[] pt = new double[64];
        double[] deta = new double[64];
        double[] dphi = new double[64];
        double[] mass = new double[64];
        double[] dxy = new double[64];
        double[] puppi = new double[64];
        int[] type = new int[64];
        int[] charge = new int[64];
        boolean[] fromPv = new boolean[64];
        int n;
        int signalEnd;

        void clear() {
            n = 0;
            signalEnd = 0;
        }

        void add(double pt, double deta, double dphi, double mass, int type, int charge, boolean fromPv,
                 double dxy) {
            if (n == this.pt.length) {
                grow();
            }
            this.pt[n] = pt;
            this.deta[n] = deta;
            this.dphi[n] = dphi;
            this.mass[n] = mass;
            this.type[n] = type;
            this.charge[n] = charge;
            this.fromPv[n] = fromPv;
            this.dxy[n] = dxy;
            this.puppi[n] = fromPv ? rng.uniform(0.8, 1.0) : rng.uniform(0, 0.3);
            n++;
            if (signalEnd == n - 1 && (type == ELECTRON || type == MUON)) {
                signalEnd = n; // a lepton faking τh is its own signal
            }
        }

        void markSignalEnd() {
            signalEnd = n;
        }

        int leadingCharged() {
            int best = -1;
            for (int i = 0; i < signalEnd; i++) {
                if (charge[i] != 0 && (best < 0 || pt[i] > pt[best])) {
                    best = i;
                }
            }
            return best;
        }

        private void grow() {
            int m = pt.length * 2;
            pt = java.util.Arrays.copyOf(pt, m);
            deta = java.util.Arrays.copyOf(deta, m);
            dphi = java.util.Arrays.copyOf(dphi, m);
            mass = java.util.Arrays.copyOf(mass, m);
            dxy = java.util.Arrays.copyOf(dxy, m);
            puppi = java.util.Arrays.copyOf(puppi, m);
            type = java.util.Arrays.copyOf(type, m);
            charge = java.util.Arrays.copyOf(charge, m);
            fromPv = java.util.Arrays.copyOf(fromPv, m);
        }
    }
}
