package io.github.tauml.rootio.write;

import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.streamer.StreamerElement;
import io.github.tauml.rootio.tree.LeafType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The on-disk layout of every class the writer streams, as ROOT 6.20 declares it in a file's StreamerInfo:
 * versions, members with their type codes, sizes, type names and titles. Checksums are computed from these facts
 * ({@link ClassChecksum}). The tree classes were read from ROOT-written fixtures, the histogram classes from ROOT's
 * headers and public StreamerInfo dumps; tests compare both against the fixtures and known checksums.
 */
final class StreamerCatalog {
    /** A basic member type: EDataType code as TStreamerInfo stores it, size in bytes, C++ type name. */
    private enum Basic {
        CHAR(1, 1, "char"), SHORT(2, 2, "short"), INT(3, 4, "int"), FLOAT(5, 4, "float"), COUNTER(6, 4, "int"),
        DOUBLE(8, 8, "double"), UCHAR(11, 1, "unsigned char"), USHORT(12, 2, "unsigned short"),
        UINT(13, 4, "unsigned int"), BITS(15, 4, "unsigned int"), LONG64(16, 8, "Long64_t"), BOOL(18, 1, "bool");

        final int code;
        final int size;
        final String cpp;

        Basic(int code, int size, String cpp) {
            this.code = code;
            this.size = size;
            this.cpp = cpp;
        }
    }

    /**
     * One class: {@code baseTitle} is the class comment ROOT shows when the class is a base (null if we never write
     * it as one); {@code listed} is false for classes ROOT streams by hand and never lists (TArray family).
     */
    private record ClassDef(ClassInfo info, String baseTitle, boolean listed) {
    }

    private static final List<ClassChecksum.Member> NONE = List.of();
    private static final Map<String, ClassDef> CLASSES = new LinkedHashMap<>();

    static {
        define("TObject", 1, "Basic ROOT object", true, NONE,
                basic("fUniqueID", "object unique identifier", Basic.UINT),
                basic("fBits", "bit field status word", Basic.BITS));
        define("TString", 2, null, true, NONE);
        define("TNamed", 1, "The basis for a named object (name, title)", true, NONE,
                base("TObject"),
                string("fName", "object identifier"),
                string("fTitle", "object title"));
        define("TAttLine", 2, "Line attributes", true, NONE,
                basic("fLineColor", "Line color", Basic.SHORT),
                basic("fLineStyle", "Line style", Basic.SHORT),
                basic("fLineWidth", "Line width", Basic.SHORT));
        define("TAttFill", 2, "Fill area attributes", true, NONE,
                basic("fFillColor", "Fill area color", Basic.SHORT),
                basic("fFillStyle", "Fill area style", Basic.SHORT));
        define("TAttMarker", 2, "Marker attributes", true, NONE,
                basic("fMarkerColor", "Marker color", Basic.SHORT),
                basic("fMarkerStyle", "Marker style", Basic.SHORT),
                basic("fMarkerSize", "Marker size", Basic.FLOAT));
        define("TAttAxis", 4, "Axis attributes", true, NONE,
                basic("fNdivisions", "Number of divisions(10000*n3 + 100*n2 + n1)", Basic.INT),
                basic("fAxisColor", "Color of the line axis", Basic.SHORT),
                basic("fLabelColor", "Color of labels", Basic.SHORT),
                basic("fLabelFont", "Font for labels", Basic.SHORT),
                basic("fLabelOffset", "Offset of labels", Basic.FLOAT),
                basic("fLabelSize", "Size of labels", Basic.FLOAT),
                basic("fTickLength", "Length of tick marks", Basic.FLOAT),
                basic("fTitleOffset", "Offset of axis title", Basic.FLOAT),
                basic("fTitleSize", "Size of axis title", Basic.FLOAT),
                basic("fTitleColor", "Color of axis title", Basic.SHORT),
                basic("fTitleFont", "Font for axis title", Basic.SHORT));
        define("ROOT::TIOFeatures", 1, null, true, NONE,
                basic("fIOBits", "", Basic.UCHAR));
        define("TCollection", 3, "Collection abstract base class", true, NONE,
                base("TObject"),
                string("fName", "name of the collection"),
                basic("fSize", "number of elements in collection", Basic.INT));
        define("TSeqCollection", 0, "Sequenceable collection ABC", true, List.of(new ClassChecksum.Member("fSorted", "bool")),
                base("TCollection"));
        define("TList", 5, "Doubly linked list", true, NONE,
                base("TSeqCollection"));
        define("THashList", 0, null, true, List.of(new ClassChecksum.Member("fTable", "THashTable*")),
                base("TList"));
        define("TObjArray", 3, null, true, NONE,
                base("TSeqCollection"),
                basic("fLowerBound", "Lower bound of the array", Basic.INT),
                basic("fLast", "Last element in array containing an object", Basic.INT));
        define("TArray", 1, "Abstract array base class", false, NONE,
                basic("fN", "Number of array elements", Basic.COUNTER));
        define("TArrayD", 1, "Array of doubles", false, NONE,
                base("TArray"),
                pointer("fArray", "[fN] Array of fN doubles", Basic.DOUBLE, "fN", "TArray", 1));
        defineTreeClasses();
        defineHistogramClasses();
    }

    private StreamerCatalog() {
    }

    private static void defineTreeClasses() {
        define("TBranch", 13, "Branch descriptor", true, NONE,
                base("TNamed"),
                base("TAttFill"),
                basic("fCompress", "Compression level and algorithm", Basic.INT),
                basic("fBasketSize", "Initial Size of  Basket Buffer", Basic.INT),
                basic("fEntryOffsetLen", "Initial Length of fEntryOffset table in the basket buffers", Basic.INT),
                basic("fWriteBasket", "Last basket number written", Basic.INT),
                basic("fEntryNumber", "Current entry number (last one filled in this branch)", Basic.LONG64),
                any("fIOFeatures", "IO features for newly-created baskets.", "ROOT::TIOFeatures", 1),
                basic("fOffset", "Offset of this branch", Basic.INT),
                basic("fMaxBaskets", "Maximum number of Baskets so far", Basic.COUNTER),
                basic("fSplitLevel", "Branch split level", Basic.INT),
                basic("fEntries", "Number of entries", Basic.LONG64),
                basic("fFirstEntry", "Number of the first entry in this branch", Basic.LONG64),
                basic("fTotBytes", "Total number of bytes in all leaves before compression", Basic.LONG64),
                basic("fZipBytes", "Total number of bytes in all leaves after compression", Basic.LONG64),
                object("fBranches", "-> List of Branches of this branch", "TObjArray", 64),
                object("fLeaves", "-> List of leaves of this branch", "TObjArray", 64),
                object("fBaskets", "-> List of baskets of this branch", "TObjArray", 64),
                pointer("fBasketBytes", "[fMaxBaskets] Length of baskets on file", Basic.INT, "fMaxBaskets",
                        "TBranch", 13),
                pointer("fBasketEntry", "[fMaxBaskets] Table of first entry in each basket", Basic.LONG64,
                        "fMaxBaskets", "TBranch", 13),
                pointer("fBasketSeek", "[fMaxBaskets] Addresses of baskets on file", Basic.LONG64, "fMaxBaskets",
                        "TBranch", 13),
                string("fFileName", "Name of file where buffers are stored (\"\" if in same file as Tree header)"));
        define("TBranchElement", 10, null, true, NONE,
                base("TBranch"),
                string("fClassName", "Class name of referenced object"),
                string("fParentName", "Name of parent class"),
                string("fClonesName", "Name of class in TClonesArray (if any)"),
                basic("fCheckSum", "CheckSum of class", Basic.UINT),
                basic("fClassVersion", "Version number of class", Basic.SHORT),
                basic("fID", "element serial number in fInfo", Basic.INT),
                basic("fType", "branch type", Basic.INT),
                basic("fStreamerType", "branch streamer type", Basic.INT),
                basic("fMaximum", "Maximum entries for a TClonesArray or variable array", Basic.INT),
                objectPointer("fBranchCount", "pointer to primary branchcount branch", "TBranchElement*", false),
                objectPointer("fBranchCount2", "pointer to secondary branchcount branch", "TBranchElement*", false));
        define("TLeaf", 2, "Leaf: description of a Branch data type", true, NONE,
                base("TNamed"),
                basic("fLen", "Number of fixed length elements in the leaf's data.", Basic.INT),
                basic("fLenType", "Number of bytes for this data type", Basic.INT),
                basic("fOffset", "Offset in ClonesArray object (if one)", Basic.INT),
                basic("fIsRange", "(=kTRUE if leaf has a range, kFALSE otherwise).  This is equivalent to being a "
                        + "'leafcount'.  For a TLeafElement the range information is actually store in the "
                        + "TBranchElement.", Basic.BOOL),
                basic("fIsUnsigned", "(=kTRUE if unsigned, kFALSE otherwise)", Basic.BOOL),
                objectPointer("fLeafCount", "Pointer to Leaf count if variable length (we do not own the counter)",
                        "TLeaf*", false));
        for (LeafType t : LeafType.values()) {
            if (!CLASSES.containsKey(t.leafClass())) {
                Basic range = leafRangeType(t);
                define(t.leafClass(), 1, null, true, NONE,
                        base("TLeaf"),
                        basic("fMinimum", "Minimum value if leaf range is specified", range),
                        basic("fMaximum", "Maximum value if leaf range is specified", range));
            }
        }
        define("TLeafElement", 1, null, true, NONE,
                base("TLeaf"),
                basic("fID", "element serial number in fInfo", Basic.INT),
                basic("fType", "leaf type", Basic.INT));
        define("TRefTable", 3, null, true, NONE,
                base("TObject"),
                basic("fSize", "dummy for backward compatibility", Basic.INT),
                objectPointer("fParents", "array of Parent objects  (eg TTree branch) holding the referenced objects",
                        "TObjArray*", false),
                objectPointer("fOwner", "Object owning this TRefTable", "TObject*", false),
                stl("fProcessGUIDs", "UUIDs of TProcessIDs used in fParentIDs", "vector<string>", 24, 61));
        define("TBranchRef", 1, null, true, NONE,
                base("TBranch"),
                objectPointer("fRefTable", "pointer to the TRefTable", "TRefTable*", false));
        define("TTree", 20, null, true, NONE,
                base("TNamed"),
                base("TAttLine"),
                base("TAttFill"),
                base("TAttMarker"),
                basic("fEntries", "Number of entries", Basic.LONG64),
                basic("fTotBytes", "Total number of bytes in all branches before compression", Basic.LONG64),
                basic("fZipBytes", "Total number of bytes in all branches after compression", Basic.LONG64),
                basic("fSavedBytes", "Number of autosaved bytes", Basic.LONG64),
                basic("fFlushedBytes", "Number of auto-flushed bytes", Basic.LONG64),
                basic("fWeight", "Tree weight (see TTree::SetWeight)", Basic.DOUBLE),
                basic("fTimerInterval", "Timer interval in milliseconds", Basic.INT),
                basic("fScanField", "Number of runs before prompting in Scan", Basic.INT),
                basic("fUpdate", "Update frequency for EntryLoop", Basic.INT),
                basic("fDefaultEntryOffsetLen", "Initial Length of fEntryOffset table in the basket buffers",
                        Basic.INT),
                basic("fNClusterRange", "Number of Cluster range in addition to the one defined by 'AutoFlush'",
                        Basic.COUNTER),
                basic("fMaxEntries", "Maximum number of entries in case of circular buffers", Basic.LONG64),
                basic("fMaxEntryLoop", "Maximum number of entries to process", Basic.LONG64),
                basic("fMaxVirtualSize", "Maximum total size of buffers kept in memory", Basic.LONG64),
                basic("fAutoSave", "Autosave tree when fAutoSave entries written or -fAutoSave (compressed) bytes "
                        + "produced", Basic.LONG64),
                basic("fAutoFlush", "Auto-flush tree when fAutoFlush entries written or -fAutoFlush (compressed) "
                        + "bytes produced", Basic.LONG64),
                basic("fEstimate", "Number of entries to estimate histogram limits", Basic.LONG64),
                pointer("fClusterRangeEnd", "[fNClusterRange] Last entry of a cluster range.", Basic.LONG64,
                        "fNClusterRange", "TTree", 20),
                pointer("fClusterSize", "[fNClusterRange] Number of entries in each cluster for a given range.",
                        Basic.LONG64, "fNClusterRange", "TTree", 20),
                any("fIOFeatures", "IO features to define for newly-written baskets and branches.",
                        "ROOT::TIOFeatures", 1),
                object("fBranches", "List of Branches", "TObjArray", 64),
                object("fLeaves", "Direct pointers to individual branch leaves", "TObjArray", 64),
                objectPointer("fAliases", "List of aliases for expressions based on the tree branches.", "TList*",
                        false),
                any("fIndexValues", "Sorted index values", "TArrayD", 24),
                any("fIndex", "Index of sorted values", "TArrayI", 24),
                objectPointer("fTreeIndex", "Pointer to the tree Index (if any)", "TVirtualIndex*", false),
                objectPointer("fFriends", "pointer to list of friend elements", "TList*", false),
                objectPointer("fUserInfo", "pointer to a list of user objects associated to this Tree", "TList*",
                        false),
                objectPointer("fBranchRef", "Branch supporting the TRefTable (if any)", "TBranchRef*", false));
    }

    private static void defineHistogramClasses() {
        define("TAxis", 10, null, true, NONE,
                base("TNamed"),
                base("TAttAxis"),
                basic("fNbins", "Number of bins", Basic.INT),
                basic("fXmin", "low edge of first bin", Basic.DOUBLE),
                basic("fXmax", "upper edge of last bin", Basic.DOUBLE),
                any("fXbins", "Bin edges array in X", "TArrayD", 24),
                basic("fFirst", "first bin to display", Basic.INT),
                basic("fLast", "last bin to display", Basic.INT),
                basic("fBits2", "second bit status word", Basic.USHORT),
                basic("fTimeDisplay", "on/off displaying time values instead of numerics", Basic.BOOL),
                string("fTimeFormat", "Date&time format, ex: 09/12/99 12:34:00"),
                objectPointer("fLabels", "List of labels", "THashList*", false),
                objectPointer("fModLabs", "List of modified labels", "TList*", false));
        define("TH1", 8, "1-Dim histogram base class", true, NONE,
                base("TNamed"),
                base("TAttLine"),
                base("TAttFill"),
                base("TAttMarker"),
                basic("fNcells", "number of bins(1D), cells (2D) +U/Overflows", Basic.INT),
                object("fXaxis", "X axis descriptor", "TAxis", 216),
                object("fYaxis", "Y axis descriptor", "TAxis", 216),
                object("fZaxis", "Z axis descriptor", "TAxis", 216),
                basic("fBarOffset", "(1000*offset) for bar charts or legos", Basic.SHORT),
                basic("fBarWidth", "(1000*width) for bar charts or legos", Basic.SHORT),
                basic("fEntries", "Number of entries", Basic.DOUBLE),
                basic("fTsumw", "Total Sum of weights", Basic.DOUBLE),
                basic("fTsumw2", "Total Sum of squares of weights", Basic.DOUBLE),
                basic("fTsumwx", "Total Sum of weight*X", Basic.DOUBLE),
                basic("fTsumwx2", "Total Sum of weight*X*X", Basic.DOUBLE),
                basic("fMaximum", "Maximum value for plotting", Basic.DOUBLE),
                basic("fMinimum", "Minimum value for plotting", Basic.DOUBLE),
                basic("fNormFactor", "Normalization factor", Basic.DOUBLE),
                any("fContour", "Array to display contour levels", "TArrayD", 24),
                any("fSumw2", "Array of sum of squares of weights", "TArrayD", 24),
                string("fOption", "histogram options"),
                objectPointer("fFunctions", "->Pointer to list of functions (fits and user)", "TList*", true),
                basic("fBufferSize", "fBuffer size", Basic.COUNTER),
                pointer("fBuffer", "[fBufferSize] entry buffer", Basic.DOUBLE, "fBufferSize", "TH1", 8),
                enumeration("fBinStatErrOpt", "option for bin statistical errors", "TH1::EBinErrorOpt"),
                enumeration("fStatOverflows", "per object flag to use under/overflows in statistics",
                        "TH1::EStatOverflows"));
        define("TH1D", 3, null, true, NONE,
                base("TH1"),
                base("TArrayD"));
    }

    /** The layout of one class; fails for a class the writer never streams. */
    static ClassInfo info(String className) {
        ClassDef d = CLASSES.get(className);
        if (d == null) {
            throw new IllegalArgumentException("no StreamerInfo known for class " + className);
        }
        return d.info;
    }

    /** {@code vector<T>} of a primitive leaf type, as ROOT declares an STL collection: one element named "This". */
    static ClassInfo vectorOf(LeafType t) {
        String name = "vector<" + vectorValueName(t) + ">";
        StreamerElement e = element("TStreamerSTL", "This", "<" + dataTypeName(t)
                + "> Used to call the proper TStreamerInfo case", StreamerElement.STL, 0, name, -1, null, -1,
                null, 1, dataTypeCode(t));
        ClassInfo partial = new ClassInfo(name, 6, 0, List.of(e));
        return new ClassInfo(name, 6, ClassChecksum.of(partial, NONE), List.of(e));
    }

    /**
     * {@code vector<vector<T> >} of a primitive type, as ROOT declares it: one STL element "This" whose value type
     * is an object ({@code fCtype} 61, {@code vector<T>}).
     */
    static ClassInfo vectorOfVectors(LeafType t) {
        String inner = "vector<" + vectorValueName(t) + ">";
        String name = "vector<" + inner + " >";
        StreamerElement e = element("TStreamerSTL", "This", "<" + inner + "> Used to call the proper TStreamerInfo "
                + "case", StreamerElement.STL, 0, name, -1, null, -1, null, 1, 61);
        ClassInfo partial = new ClassInfo(name, 6, 0, List.of(e));
        return new ClassInfo(name, 6, ClassChecksum.of(partial, NONE), List.of(e));
    }

    /** The C++ value type ROOT spells in the class name of {@code vector<T>}. */
    static String vectorValueName(LeafType t) {
        return switch (t) {
            case BOOL -> "bool";
            case INT8 -> "char";
            case UINT8 -> "unsigned char";
            case INT16 -> "short";
            case UINT16 -> "unsigned short";
            case INT32 -> "int";
            case UINT32 -> "unsigned int";
            case INT64 -> "Long64_t";
            case UINT64 -> "ULong64_t";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case STRING -> throw new IllegalArgumentException("vector<string> is not supported");
        };
    }

    /** TDataType's name for the value type (it appears in the STL element's title). */
    private static String dataTypeName(LeafType t) {
        return switch (t) {
            case BOOL -> "Bool_t";
            case INT8 -> "Char_t";
            case UINT8 -> "UChar_t";
            case INT16 -> "Short_t";
            case UINT16 -> "UShort_t";
            case INT32 -> "Int_t";
            case UINT32 -> "UInt_t";
            case INT64 -> "Long64_t";
            case UINT64 -> "ULong64_t";
            case FLOAT32 -> "Float_t";
            case FLOAT64 -> "Double_t";
            case STRING -> throw new IllegalArgumentException("vector<string> is not supported");
        };
    }

    /** EDataType code of the value type (TStreamerSTL::fCtype). */
    private static int dataTypeCode(LeafType t) {
        return switch (t) {
            case BOOL -> 18;
            case INT8 -> 1;
            case UINT8 -> 11;
            case INT16 -> 2;
            case UINT16 -> 12;
            case INT32 -> 3;
            case UINT32 -> 13;
            case INT64 -> 16;
            case UINT64 -> 17;
            case FLOAT32 -> 5;
            case FLOAT64 -> 8;
            case STRING -> throw new IllegalArgumentException("vector<string> is not supported");
        };
    }

    /**
     * The classes ROOT lists in a file that streams {@code roots}: each root, its bases and the classes of its
     * members, depth first, without duplicates, skipping classes ROOT streams by hand without listing them.
     * Classes outside the catalogue (e.g. {@code vector<float>}, passed as ready ClassInfo) are kept as given.
     */
    static List<ClassInfo> closure(Collection<String> roots, Collection<ClassInfo> extra) {
        Set<String> seen = new LinkedHashSet<>();
        List<ClassInfo> out = new ArrayList<>();
        for (String r : roots) {
            visit(r, seen, out);
        }
        for (ClassInfo c : extra) {
            if (seen.add(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    private static void visit(String className, Set<String> seen, List<ClassInfo> out) {
        ClassDef d = CLASSES.get(className);
        if (d == null || !seen.add(className)) {
            return;
        }
        if (d.listed) {
            out.add(d.info);
        }
        for (StreamerElement e : d.info.elements()) {
            String type = e.elementClass().equals("TStreamerBase") ? e.name() : e.typeName().replace("*", "");
            visit(type, seen, out);
        }
    }

    private static Basic leafRangeType(LeafType t) {
        return switch (t) {
            case BOOL -> Basic.BOOL;
            case INT8, UINT8 -> Basic.CHAR;
            case INT16, UINT16 -> Basic.SHORT;
            case INT32, UINT32, STRING -> Basic.INT;
            case INT64, UINT64 -> Basic.LONG64;
            case FLOAT32 -> Basic.FLOAT;
            case FLOAT64 -> Basic.DOUBLE;
        };
    }

    /** {@code unstreamed}: dictionary members of a version-0 class, which count in its checksum only. */
    private static void define(String name, int version, String baseTitle, boolean listed,
                               List<ClassChecksum.Member> unstreamed,
                               StreamerElement... elements) {
        ClassInfo partial = new ClassInfo(name, version, 0, List.of(elements));
        ClassInfo info = new ClassInfo(name, version, ClassChecksum.of(partial, unstreamed), List.of(elements));
        CLASSES.put(name, new ClassDef(info, baseTitle, listed));
    }

    private static StreamerElement element(String cls, String name, String title, int type, int size,
                                           String typeName, int baseVersion, String countName, int countVersion,
                                           String countClass, int stlType, int ctype) {
        return new StreamerElement(cls, name, title, type, size, 0, 0, new int[5], typeName, baseVersion, countName,
                countVersion, countClass, stlType, ctype);
    }

    /** A base class: ROOT keeps its version and, in fMaxIndex[1], its checksum. */
    private static StreamerElement base(String className) {
        ClassDef b = CLASSES.get(className);
        int type = switch (className) {
            case "TObject" -> StreamerElement.TOBJECT;
            case "TNamed" -> StreamerElement.TNAMED;
            default -> StreamerElement.BASE;
        };
        int[] maxIndex = {0, (int) b.info.checksum(), 0, 0, 0};
        return new StreamerElement("TStreamerBase", className, b.baseTitle, type, 0, 0, 0, maxIndex, "BASE",
                b.info.version(), null, -1, null, -1, -1);
    }

    private static StreamerElement basic(String name, String title, Basic t) {
        return element("TStreamerBasicType", name, title, t.code, t.size, t.cpp, -1, null, -1, null, -1, -1);
    }

    private static StreamerElement enumeration(String name, String title, String enumName) {
        return element("TStreamerBasicType", name, title, Basic.INT.code, Basic.INT.size, enumName, -1, null, -1,
                null, -1, -1);
    }

    /** A pointer to an array counted by member {@code count} of {@code countClass} (of that class's version). */
    private static StreamerElement pointer(String name, String title, Basic t, String count, String countClass,
                                           int countVersion) {
        return element("TStreamerBasicPointer", name, title, StreamerElement.OFFSET_P + t.code, t.size, t.cpp + "*",
                -1, count, countVersion, countClass, -1, -1);
    }

    private static StreamerElement object(String name, String title, String className, int size) {
        return element("TStreamerObject", name, title, StreamerElement.OBJECT, size, className, -1, null, -1, null,
                -1, -1);
    }

    private static StreamerElement any(String name, String title, String className, int size) {
        return element("TStreamerObjectAny", name, title, StreamerElement.ANY, size, className, -1, null, -1, null,
                -1, -1);
    }

    /** {@code arrow}: the "//->" comment, a pointer that is never null and is streamed in place. */
    private static StreamerElement objectPointer(String name, String title, String typeName, boolean arrow) {
        return element("TStreamerObjectPointer", name, title,
                arrow ? StreamerElement.OBJECT_P_LOWER : StreamerElement.OBJECT_P, 8, typeName, -1, null, -1, null,
                -1, -1);
    }

    private static StreamerElement string(String name, String title) {
        return element("TStreamerString", name, title, StreamerElement.TSTRING, 24, "TString", -1, null, -1, null,
                -1, -1);
    }

    private static StreamerElement stl(String name, String title, String typeName, int size, int ctype) {
        return element("TStreamerSTL", name, title, StreamerElement.STL, size, typeName, -1, null, -1, null, 1,
                ctype);
    }
}
