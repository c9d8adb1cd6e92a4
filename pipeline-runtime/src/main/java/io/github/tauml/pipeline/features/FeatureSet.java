package io.github.tauml.pipeline.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The DeepTau input layout (§3.1): τ-level features ({@code TauFlat}), the per-cell {@code GridGlobal} features,
 * the object blocks of the three grid kinds in the reference's order (egamma: GridGlobal, PfCand_electron,
 * PfCand_gamma, Electron; muon: GridGlobal, PfCand_muon, Muon; hadrons: GridGlobal, PfCand_chHad, PfCand_nHad),
 * and the inner and outer grid geometry with the cone parameters.
 *
 * <p>Presets: {@link #v2p5()} (43 τ features, 11×11 and 21×21 grids of 86 / 64 / 38 channels, all TauMLTools
 * branches needed) and {@link #small()} (the features the toy ntuples provide, 7×7 and 11×11 grids, same code
 * path).
 *
 * @param name       the preset name or {@code custom}
 * @param tau        the {@code TauFlat} features
 * @param gridGlobal the {@code GridGlobal} features, first channels of every non-empty cell
 * @param egamma     object blocks of the egamma grids
 * @param muon       object blocks of the muon grids
 * @param hadrons    object blocks of the hadron grids
 * @param inner      inner grid geometry
 * @param outer      outer grid geometry
 * @param minPt      signal cone: r_sig = max(openingCoef / max(pT_τ, minPt), minRadius)
 * @param openingCoef signal cone opening coefficient (3 GeV)
 * @param minRadius  signal cone minimum radius (0.05)
 * @param isoCone    the outer cone radius (0.5, {@code iso_cone})
 */
public record FeatureSet(String name, List<Feature> tau, List<Feature> gridGlobal, List<ObjectBlock> egamma,
                         List<ObjectBlock> muon, List<ObjectBlock> hadrons, GridGeometry inner, GridGeometry outer,
                         double minPt, double openingCoef, double minRadius, double isoCone)
        implements java.io.Serializable {
    /** The grid kinds in Keras input order. */
    public static final List<String> KINDS = List.of("egamma", "muon", "hadrons");
    public static final List<String> LOCATIONS = List.of("inner", "outer");

    public FeatureSet {
        tau = List.copyOf(tau);
        gridGlobal = List.copyOf(gridGlobal);
        egamma = List.copyOf(egamma);
        muon = List.copyOf(muon);
        hadrons = List.copyOf(hadrons);
    }

    /** Signal-cone radius max(3/max(pT,30), 0.05) with the set's parameters; pT in GeV. */
    public double signalCone(double tauPt) {
        return Math.max(openingCoef / Math.max(tauPt, minPt), minRadius);
    }

    /** The object blocks of grid kind {@code egamma}, {@code muon} or {@code hadrons}. */
    public List<ObjectBlock> blocks(String kind) {
        return switch (kind) {
            case "egamma" -> egamma;
            case "muon" -> muon;
            case "hadrons" -> hadrons;
            default -> throw new IllegalArgumentException("unknown grid kind " + kind);
        };
    }

    public GridGeometry geometry(String location) {
        return "inner".equals(location) ? inner : outer;
    }

    /** Channel names of a grid kind: GridGlobal then each block's features. */
    public List<String> channels(String kind) {
        List<String> out = new ArrayList<>();
        gridGlobal.forEach(f -> out.add(f.name()));
        for (ObjectBlock b : blocks(kind)) {
            b.features().forEach(f -> out.add(f.name()));
        }
        return out;
    }

    public List<String> tauNames() {
        return tau.stream().map(Feature::name).toList();
    }

    /** A copy with other grid geometries. */
    public FeatureSet withGrids(GridGeometry newInner, GridGeometry newOuter) {
        return new FeatureSet(name, tau, gridGlobal, egamma, muon, hadrons, newInner, newOuter, minPt, openingCoef,
                minRadius, isoCone);
    }

    /** A copy with other τ-level features. */
    public FeatureSet withTau(List<Feature> newTau) {
        return new FeatureSet(name, newTau, gridGlobal, egamma, muon, hadrons, inner, outer, minPt, openingCoef,
                minRadius, isoCone);
    }

    /** {@code v2p5} or {@code small}. */
    public static FeatureSet preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "v2p5" -> v2p5();
            case "small" -> small();
            default -> throw new IllegalArgumentException("unknown feature preset '" + name + "'; use v2p5 or small");
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Definitions follow TauMLTools Training/configs/training_v1.yaml (Features_all minus Features_disable).

    private static final String TRACK = "pfCand_hasTrackDetails == 1";
    private static final String NDOF = "pfCand_hasTrackDetails == 1 && pfCand_track_ndof > 0";
    private static final Scaling DETA = Scaling.linear(-0.1, 0.1, -0.5, 0.5);

    /** The 43 {@code TauFlat} features of v2p5, in order. */
    static List<Feature> v2p5Tau() {
        String dxyValid = "tau_dxy > -10 && tau_dxy_error > 0";
        String ip3dValid = "tau_ip3d > -10 && tau_ip3d_error > 0";
        return List.of(
                Feature.of("rho", "rho", Scaling.linear(0, 50)),
                Feature.of("tau_pt", "tau_pt", Scaling.linear(20, 1000)),
                Feature.of("tau_eta", "tau_eta", Scaling.linear(-2.3, 2.3)),
                Feature.of("tau_mass", "tau_mass", Scaling.NORMAL),
                Feature.of("tau_E_over_pt", "std::sqrt((tau_pt*std::cosh(tau_eta))*(tau_pt*std::cosh(tau_eta))"
                        + " + tau_mass*tau_mass)/tau_pt", Scaling.NORMAL),
                Feature.of("tau_charge", "tau_charge", Scaling.NONE),
                Feature.of("tau_n_charged_prongs", "tau_decayMode / 5 + 1", Scaling.CATEGORICAL),
                Feature.of("tau_n_neutral_prongs", "tau_decayMode % 5", Scaling.CATEGORICAL),
                Feature.of("tau_chargedIsoPtSum", "tau_chargedIsoPtSum", Scaling.NORMAL),
                Feature.of("tau_chargedIsoPtSumdR03_over_dR05", "tau_chargedIsoPtSumdR03 / tau_chargedIsoPtSum",
                        "tau_chargedIsoPtSum != 0", Scaling.NONE),
                Feature.of("tau_footprintCorrection", "tau_footprintCorrection", Scaling.NORMAL),
                Feature.of("tau_neutralIsoPtSum", "tau_neutralIsoPtSum", Scaling.NORMAL),
                Feature.of("tau_neutralIsoPtSumWeight_over_neutralIsoPtSum",
                        "tau_neutralIsoPtSumWeight / tau_neutralIsoPtSum", "tau_neutralIsoPtSum != 0", Scaling.NONE),
                Feature.of("tau_neutralIsoPtSumWeightdR03_over_neutralIsoPtSum",
                        "tau_neutralIsoPtSumWeightdR03 / tau_neutralIsoPtSum", "tau_neutralIsoPtSum != 0",
                        Scaling.NONE),
                Feature.of("tau_neutralIsoPtSumdR03_over_dR05", "tau_neutralIsoPtSumdR03 / tau_neutralIsoPtSum",
                        "tau_neutralIsoPtSum != 0", Scaling.NONE),
                Feature.of("tau_photonPtSumOutsideSignalCone", "tau_photonPtSumOutsideSignalCone", Scaling.NORMAL),
                Feature.of("tau_puCorrPtSum", "tau_puCorrPtSum", Scaling.NORMAL),
                Feature.of("tau_dxy_valid", dxyValid, Scaling.NONE),
                Feature.of("tau_dxy", "tau_dxy", dxyValid, Scaling.NORMAL),
                Feature.of("tau_dxy_sig", "std::abs(tau_dxy) / tau_dxy_error", dxyValid, Scaling.NORMAL),
                Feature.of("tau_ip3d_valid", ip3dValid, Scaling.NONE),
                Feature.of("tau_ip3d", "tau_ip3d", ip3dValid, Scaling.NORMAL),
                Feature.of("tau_ip3d_sig", "std::abs(tau_ip3d) / tau_ip3d_error", ip3dValid, Scaling.NORMAL),
                Feature.of("tau_dz", "tau_dz", Scaling.NORMAL),
                Feature.of("tau_dz_sig_valid", "tau_dz_error > 0", Scaling.NONE),
                Feature.of("tau_dz_sig", "std::abs(tau_dz) / tau_dz_error", "tau_dz_error > 0", Scaling.NORMAL),
                Feature.of("tau_flightLength_x", "tau_flightLength_x", Scaling.NORMAL),
                Feature.of("tau_flightLength_y", "tau_flightLength_y", Scaling.NORMAL),
                Feature.of("tau_flightLength_z", "tau_flightLength_z", Scaling.NORMAL),
                Feature.of("tau_flightLength_sig", "tau_flightLength_sig", Scaling.NORMAL),
                Feature.of("tau_pt_weighted_deta_strip", "tau_pt_weighted_deta_strip", Scaling.linear(0, 1)),
                Feature.of("tau_pt_weighted_dphi_strip", "tau_pt_weighted_dphi_strip", Scaling.linear(0, 1)),
                Feature.of("tau_pt_weighted_dr_signal", "tau_pt_weighted_dr_signal", Scaling.NORMAL),
                Feature.of("tau_pt_weighted_dr_iso", "tau_pt_weighted_dr_iso", Scaling.linear(0, 1)),
                Feature.of("tau_leadingTrackNormChi2", "tau_leadingTrackNormChi2", Scaling.NORMAL),
                Feature.of("tau_e_ratio_valid", "tau_e_ratio > 0", Scaling.NONE),
                Feature.of("tau_e_ratio", "tau_e_ratio", "tau_e_ratio > 0", Scaling.linear(0, 1)),
                Feature.of("tau_gj_angle_diff_valid", "tau_gj_angle_diff >= 0", Scaling.NONE),
                Feature.of("tau_gj_angle_diff", "tau_gj_angle_diff", "tau_gj_angle_diff >= 0",
                        Scaling.linear(0, Math.PI)),
                Feature.of("tau_n_photons", "tau_n_photons", Scaling.NORMAL),
                Feature.of("tau_emFraction", "tau_emFraction", Scaling.linear(-1, 1)),
                Feature.of("tau_inside_ecal_crack", "tau_inside_ecal_crack", Scaling.NONE),
                Feature.of("tau_leadChargedCand_etaAtEcalEntrance_minus_tau_eta",
                        "tau_leadChargedCand_etaAtEcalEntrance - tau_eta", Scaling.NORMAL));
    }

    static List<Feature> gridGlobalFeatures() {
        return List.of(
                Feature.of("rho", "rho", Scaling.linear(0, 50)),
                Feature.of("tau_pt", "tau_pt", Scaling.linear(20, 1000)),
                Feature.of("tau_eta", "tau_eta", Scaling.linear(-2.3, 2.3)),
                Feature.of("tau_inside_ecal_crack", "tau_inside_ecal_crack", Scaling.NONE));
    }

    /**
     * A PF-candidate feature of block tag {@code tag} ({@code ele}, {@code muon}, {@code chHad}, {@code nHad},
     * {@code gamma}) by its suffix; {@code trackDetails} applies the reference's hasTrackDetails conditions.
     */
    static Feature pf(String tag, String suffix, boolean trackDetails) {
        String n = "pfCand_" + tag + "_" + suffix;
        String track = trackDetails ? TRACK : "";
        String ndof = trackDetails ? NDOF : "";
        return switch (suffix) {
            case "valid" -> Feature.of(n, "1", Scaling.NONE);
            case "rel_pt" -> Feature.of(n, "pfCand_pt / tau_pt", Scaling.NORMAL);
            case "deta" -> Feature.of(n, "deltaEta", DETA);
            case "dphi" -> Feature.of(n, "deltaPhi", DETA);
            case "tauLeadChargedHadrCand", "puppiWeight", "puppiWeightNoLep", "charge", "hcalFraction" ->
                    Feature.of(n, "pfCand_" + suffix, Scaling.NONE);
            case "pvAssociationQuality", "fromPV", "lostInnerHits" ->
                    Feature.of(n, "pfCand_" + suffix, Scaling.CATEGORICAL);
            case "nPixelHits" -> Feature.of(n, "pfCand_nPixelHits", Scaling.linear(0, switch (tag) {
                case "ele" -> 10;
                case "muon" -> 11;
                case "chHad" -> 12;
                default -> 7;
            }));
            case "vertex_dx", "vertex_dy", "vertex_dz" -> {
                String c = suffix.substring(suffix.length() - 1);
                yield Feature.of(n, "pfCand_vertex_" + c + " - pv_" + c, Scaling.NORMAL);
            }
            case "vertex_dx_tauFL", "vertex_dy_tauFL", "vertex_dz_tauFL" -> {
                String c = suffix.substring(8, 9);
                yield Feature.of(n, "pfCand_vertex_" + c + " - pv_" + c + " - tau_flightLength_" + c,
                        Scaling.NORMAL);
            }
            case "hasTrackDetails" -> Feature.of(n, "pfCand_hasTrackDetails == 1", Scaling.NONE);
            case "dxy" -> Feature.of(n, "pfCand_dxy", track, Scaling.NORMAL);
            case "dxy_sig" -> Feature.of(n, "std::abs(pfCand_dxy) / pfCand_dxy_error", track, Scaling.NORMAL);
            case "dz" -> Feature.of(n, "pfCand_dz", track, Scaling.NORMAL);
            case "dz_sig" -> Feature.of(n, "std::abs(pfCand_dz) / pfCand_dz_error", track, Scaling.NORMAL);
            case "track_chi2_ndof" -> Feature.of(n, "pfCand_track_chi2 / pfCand_track_ndof", ndof, Scaling.NORMAL);
            case "track_ndof" -> Feature.of(n, "pfCand_track_ndof", ndof, Scaling.NORMAL);
            case "rawCaloFraction" -> Feature.of(n, "pfCand_rawCaloFraction", Scaling.linear(0, 2.6));
            default -> throw new IllegalArgumentException("no PF candidate feature " + suffix);
        };
    }

    static ObjectBlock pfBlock(String block, String tag, int type, boolean trackDetails, String... suffixes) {
        List<Feature> f = new ArrayList<>();
        for (String s : suffixes) {
            f.add(pf(tag, s, trackDetails));
        }
        return new ObjectBlock(block, "pfCand", type, f);
    }

    private static final String[] VERTEX = {"vertex_dx", "vertex_dy", "vertex_dz", "vertex_dx_tauFL",
        "vertex_dy_tauFL", "vertex_dz_tauFL"};
    private static final String[] TRACK_FEATURES = {"hasTrackDetails", "dxy", "dxy_sig", "dz", "dz_sig",
        "track_chi2_ndof", "track_ndof"};

    private static String[] concat(String[]... parts) {
        List<String> out = new ArrayList<>();
        for (String[] p : parts) {
            out.addAll(List.of(p));
        }
        return out.toArray(new String[0]);
    }

    static List<Feature> electronV2p5() {
        String cc = "ele_cc_ele_energy >= 0";
        String ctf = "ele_closestCtfTrack_normalizedChi2 >= 0";
        List<Feature> f = new ArrayList<>(List.of(
                Feature.of("ele_valid", "1", Scaling.NONE),
                Feature.of("ele_rel_pt", "ele_pt / tau_pt", Scaling.NORMAL),
                Feature.of("ele_deta", "deltaEta", DETA),
                Feature.of("ele_dphi", "deltaPhi", DETA),
                Feature.of("ele_cc_valid", cc, Scaling.NONE),
                Feature.of("ele_cc_ele_rel_energy", "ele_cc_ele_energy / ele_pt", cc, Scaling.NORMAL),
                Feature.of("ele_cc_gamma_rel_energy", "ele_cc_gamma_energy / ele_cc_ele_energy", cc, Scaling.NORMAL),
                Feature.of("ele_cc_n_gamma", "ele_cc_n_gamma", cc, Scaling.NORMAL)));
        for (String m : List.of("trackMomentumAtVtx", "trackMomentumAtCalo", "trackMomentumOut",
                "trackMomentumAtEleClus", "trackMomentumAtVtxWithConstraint", "ecalEnergy")) {
            f.add(Feature.of("ele_rel_" + m, "ele_" + m + " / ele_pt", Scaling.NORMAL));
        }
        f.add(Feature.of("ele_ecalEnergy_sig", "ele_ecalEnergy / ele_ecalEnergy_error", Scaling.NORMAL));
        for (String b : List.of("ele_eSuperClusterOverP", "ele_eSeedClusterOverP", "ele_eSeedClusterOverPout",
                "ele_eEleClusterOverPout", "ele_deltaEtaSuperClusterTrackAtVtx", "ele_deltaEtaSeedClusterTrackAtCalo",
                "ele_deltaEtaEleClusterTrackAtCalo", "ele_deltaPhiEleClusterTrackAtCalo",
                "ele_deltaPhiSuperClusterTrackAtVtx", "ele_deltaPhiSeedClusterTrackAtCalo")) {
            f.add(Feature.branch(b, Scaling.NORMAL));
        }
        f.add(Feature.branch("ele_mvaInput_earlyBrem", Scaling.CATEGORICAL));
        f.add(Feature.branch("ele_mvaInput_lateBrem", Scaling.CATEGORICAL));
        for (String b : List.of("ele_mvaInput_sigmaEtaEta", "ele_mvaInput_hadEnergy", "ele_mvaInput_deltaEta",
                "ele_gsfTrack_normalizedChi2", "ele_gsfTrack_numberOfValidHits")) {
            f.add(Feature.branch(b, Scaling.NORMAL));
        }
        f.add(Feature.of("ele_rel_gsfTrack_pt", "ele_gsfTrack_pt / ele_pt", Scaling.NORMAL));
        f.add(Feature.of("ele_gsfTrack_pt_sig", "ele_gsfTrack_pt / ele_gsfTrack_pt_error", Scaling.NORMAL));
        f.add(Feature.of("ele_has_closestCtfTrack", ctf, Scaling.NONE));
        f.add(Feature.of("ele_closestCtfTrack_normalizedChi2", "ele_closestCtfTrack_normalizedChi2", ctf,
                Scaling.NORMAL));
        f.add(Feature.of("ele_closestCtfTrack_numberOfValidHits", "ele_closestCtfTrack_numberOfValidHits", ctf,
                Scaling.NORMAL));
        return f;
    }

    static List<Feature> muonV2p5() {
        String chi2 = "muon_normalizedChi2 >= 0";
        String ecal = "muon_pfEcalEnergy >= 0";
        List<Feature> f = new ArrayList<>(List.of(
                Feature.of("muon_valid", "1", Scaling.NONE),
                Feature.of("muon_rel_pt", "muon_pt / tau_pt", Scaling.NORMAL),
                Feature.of("muon_deta", "deltaEta", DETA),
                Feature.of("muon_dphi", "deltaPhi", DETA),
                Feature.of("muon_dxy", "muon_dxy", Scaling.NORMAL),
                Feature.of("muon_dxy_sig", "std::abs(muon_dxy) / muon_dxy_error", Scaling.NORMAL),
                Feature.of("muon_normalizedChi2_valid", chi2, Scaling.NONE),
                Feature.of("muon_normalizedChi2", "muon_normalizedChi2", chi2, Scaling.NORMAL),
                Feature.of("muon_numberOfValidHits", "muon_numberOfValidHits", chi2, Scaling.NORMAL),
                Feature.branch("muon_segmentCompatibility", Scaling.NONE),
                Feature.branch("muon_caloCompatibility", Scaling.NONE),
                Feature.of("muon_pfEcalEnergy_valid", ecal, Scaling.NONE),
                Feature.of("muon_rel_pfEcalEnergy", "muon_pfEcalEnergy / muon_pt", ecal, Scaling.NORMAL)));
        double[][] ranges = {
            {2, 2, 2, 2}, {6, 2, 2, 2}, {7, 6, 4, 4}, // n_matches DT, CSC, RPC
            {12, 12, 12, 8}, {24, 12, 12, 12}, {4, 4, 2, 2}}; // n_hits DT, CSC, RPC
        String[] what = {"n_matches", "n_matches", "n_matches", "n_hits", "n_hits", "n_hits"};
        String[] det = {"DT", "CSC", "RPC", "DT", "CSC", "RPC"};
        for (int i = 0; i < 6; i++) {
            for (int s = 1; s <= 4; s++) {
                f.add(Feature.branch("muon_" + what[i] + "_" + det[i] + "_" + s, Scaling.linear(0, ranges[i][s - 1])));
            }
        }
        return f;
    }

    /** TauMLTools DeepTau v2p5 inputs: 43 τ features; 11×11 × 0.02 and 21×21 × 0.05 grids; 86 / 64 / 38 channels. */
    public static FeatureSet v2p5() {
        ObjectBlock pfEle = pfBlock("PfCand_electron", "ele", 2, true, concat(new String[] {"valid", "rel_pt",
            "deta", "dphi", "pvAssociationQuality", "puppiWeight", "charge", "lostInnerHits", "nPixelHits"}, VERTEX,
            TRACK_FEATURES));
        ObjectBlock pfGamma = pfBlock("PfCand_gamma", "gamma", 4, true, concat(new String[] {"valid", "rel_pt",
            "deta", "dphi", "pvAssociationQuality", "fromPV", "puppiWeight", "puppiWeightNoLep", "lostInnerHits",
            "nPixelHits"}, VERTEX, TRACK_FEATURES));
        ObjectBlock pfMuon = pfBlock("PfCand_muon", "muon", 3, true, concat(new String[] {"valid", "rel_pt", "deta",
            "dphi", "pvAssociationQuality", "fromPV", "puppiWeight", "charge", "lostInnerHits", "nPixelHits"},
            VERTEX, TRACK_FEATURES));
        ObjectBlock pfChHad = pfBlock("PfCand_chHad", "chHad", 1, true, concat(new String[] {"valid", "rel_pt",
            "deta", "dphi", "tauLeadChargedHadrCand", "pvAssociationQuality", "fromPV", "puppiWeight",
            "puppiWeightNoLep", "charge", "lostInnerHits", "nPixelHits"}, VERTEX, TRACK_FEATURES,
            new String[] {"hcalFraction", "rawCaloFraction"}));
        ObjectBlock pfNHad = pfBlock("PfCand_nHad", "nHad", 5, true, "valid", "rel_pt", "deta", "dphi",
                "puppiWeight", "puppiWeightNoLep", "hcalFraction");
        ObjectBlock ele = new ObjectBlock("Electron", "ele", -1, electronV2p5());
        ObjectBlock muon = new ObjectBlock("Muon", "muon", -1, muonV2p5());
        return new FeatureSet("v2p5", v2p5Tau(), gridGlobalFeatures(), List.of(pfEle, pfGamma, ele),
                List.of(pfMuon, muon), List.of(pfChHad, pfNHad), new GridGeometry("inner", 11, 0.02),
                new GridGeometry("outer", 21, 0.05), 30, 3, 0.05, 0.5);
    }

    /** The v2p5 τ features the toy TauTuples can provide (35 of 43), same definitions. */
    static List<Feature> smallTau() {
        Set<String> missing = Set.of("tau_chargedIsoPtSumdR03_over_dR05",
                "tau_neutralIsoPtSumWeightdR03_over_neutralIsoPtSum", "tau_neutralIsoPtSumdR03_over_dR05",
                "tau_dz_sig_valid", "tau_dz_sig", "tau_flightLength_x", "tau_flightLength_y", "tau_flightLength_z");
        return v2p5Tau().stream().filter(f -> !missing.contains(f.name())).toList();
    }

    /**
     * The CI and example preset: the TauMLTools features the toy ntuples provide, with the same definitions and
     * code path as v2p5: 35 τ features; 7×7 × 0.03 inner and 11×11 × 0.1 outer grids; 23 / 21 / 21 channels.
     */
    public static FeatureSet small() {
        ObjectBlock pfEle = pfBlock("PfCand_electron", "ele", 2, false, "valid", "rel_pt", "deta", "dphi",
                "puppiWeight", "charge", "lostInnerHits", "dxy", "dxy_sig");
        ObjectBlock pfGamma = pfBlock("PfCand_gamma", "gamma", 4, false, "valid", "rel_pt", "deta", "dphi",
                "fromPV", "puppiWeight");
        ObjectBlock ele = new ObjectBlock("Electron", "ele", -1, electronV2p5().subList(0, 4));
        ObjectBlock pfMuon = pfBlock("PfCand_muon", "muon", 3, false, "valid", "rel_pt", "deta", "dphi", "fromPV",
                "puppiWeight", "charge", "dxy", "dxy_sig");
        ObjectBlock muon = new ObjectBlock("Muon", "muon", -1, muonV2p5().subList(0, 8));
        ObjectBlock pfChHad = pfBlock("PfCand_chHad", "chHad", 1, false, "valid", "rel_pt", "deta", "dphi",
                "fromPV", "puppiWeight", "charge", "lostInnerHits", "dxy", "dxy_sig", "hcalFraction");
        ObjectBlock pfNHad = pfBlock("PfCand_nHad", "nHad", 5, false, "valid", "rel_pt", "deta", "dphi",
                "puppiWeight", "hcalFraction");
        return new FeatureSet("small", smallTau(), gridGlobalFeatures(), List.of(pfEle, pfGamma, ele),
                List.of(pfMuon, muon), List.of(pfChHad, pfNHad), new GridGeometry("inner", 7, 0.03),
                new GridGeometry("outer", 11, 0.1), 30, 3, 0.05, 0.5);
    }
}
