// ROOT::VecOps' RVec operations on std::vector, with the signatures and result types RVec.hxx documents (ROOT is
// not installed where the tests run): element-wise operators give RVec<decltype(a[0] OP b[0])>, comparisons and
// logical operators RVec<int>, unary operators RVec<T>, math functions RVec<PromoteType<T>> (float stays float, the
// rest double); reductions accumulate as std::accumulate does. Written from the documentation; RVec's mask index
// v[m] (a member of RVec) is written Masked(v, m).
#include <numeric>
#include <stdexcept>
#include <type_traits>

// ROOT's Rtypes.h names of the arithmetic types, for the casts.
typedef bool Bool_t;
typedef char Char_t;
typedef unsigned char UChar_t;
typedef short Short_t;
typedef unsigned short UShort_t;
typedef int Int_t;
typedef unsigned int UInt_t;
typedef long Long_t;
typedef unsigned long ULong_t;
typedef long long Long64_t;
typedef unsigned long long ULong64_t;
typedef float Float_t;
typedef double Double_t;

// A type of its own (std::vector's lexicographic comparisons must not compete with the element-wise ones); the
// table's vector variables are declared as RVec.
template <class T> struct RVec : std::vector<T> {
  using std::vector<T>::vector;
};
template <class T> struct IsVec : std::false_type {};
template <class T> struct IsVec<RVec<T>> : std::true_type {};
template <class T> using Scalar = std::enable_if_t<!IsVec<T>::value, int>;

static void sameSize(std::size_t a, std::size_t b) {
  if (a != b) throw std::runtime_error("different sizes");
}

#define VEC_BINARY(OP)                                                                            \
  template <class A, class B> auto operator OP(const RVec<A> &a, const RVec<B> &b) { \
    sameSize(a.size(), b.size());                                                                 \
    RVec<decltype(a[0] OP b[0])> r(a.size());                                              \
    for (std::size_t i = 0; i < a.size(); i++) r[i] = a[i] OP b[i];                               \
    return r;                                                                                     \
  }                                                                                               \
  template <class A, class B, Scalar<B> = 0> auto operator OP(const RVec<A> &a, const B &b) { \
    RVec<decltype(a[0] OP b)> r(a.size());                                                 \
    for (std::size_t i = 0; i < a.size(); i++) r[i] = a[i] OP b;                                  \
    return r;                                                                                     \
  }                                                                                               \
  template <class A, class B, Scalar<A> = 0> auto operator OP(const A &a, const RVec<B> &b) { \
    RVec<decltype(a OP b[0])> r(b.size());                                                 \
    for (std::size_t i = 0; i < b.size(); i++) r[i] = a OP b[i];                                  \
    return r;                                                                                     \
  }
VEC_BINARY(+) VEC_BINARY(-) VEC_BINARY(*) VEC_BINARY(/) VEC_BINARY(%) VEC_BINARY(^) VEC_BINARY(|) VEC_BINARY(&)
#undef VEC_BINARY

#define VEC_LOGICAL(OP)                                                                           \
  template <class A, class B> RVec<int> operator OP(const RVec<A> &a, const RVec<B> &b) { \
    sameSize(a.size(), b.size());                                                                 \
    RVec<int> r(a.size());                                                                 \
    for (std::size_t i = 0; i < a.size(); i++) r[i] = a[i] OP b[i];                               \
    return r;                                                                                     \
  }                                                                                               \
  template <class A, class B, Scalar<B> = 0> RVec<int> operator OP(const RVec<A> &a, const B &b) { \
    RVec<int> r(a.size());                                                                 \
    for (std::size_t i = 0; i < a.size(); i++) r[i] = a[i] OP b;                                  \
    return r;                                                                                     \
  }                                                                                               \
  template <class A, class B, Scalar<A> = 0> RVec<int> operator OP(const A &a, const RVec<B> &b) { \
    RVec<int> r(b.size());                                                                 \
    for (std::size_t i = 0; i < b.size(); i++) r[i] = a OP b[i];                                  \
    return r;                                                                                     \
  }
VEC_LOGICAL(<) VEC_LOGICAL(>) VEC_LOGICAL(<=) VEC_LOGICAL(>=) VEC_LOGICAL(==) VEC_LOGICAL(!=) VEC_LOGICAL(&&)
VEC_LOGICAL(||)
#undef VEC_LOGICAL

#define VEC_UNARY(OP)                                                                             \
  template <class T> RVec<T> operator OP(const RVec<T> &v) {                        \
    RVec<T> r(v);                                                                          \
    for (auto &x : r) x = OP x;                                                                   \
    return r;                                                                                     \
  }
VEC_UNARY(-) VEC_UNARY(!) VEC_UNARY(~)
#undef VEC_UNARY

template <class T> struct Promote { using Type = double; };
template <> struct Promote<float> { using Type = float; };
#define VEC_MATH(F)                                                                               \
  template <class T> RVec<typename Promote<T>::Type> F(const RVec<T> &v) {          \
    RVec<typename Promote<T>::Type> r(v.size());                                           \
    for (std::size_t i = 0; i < v.size(); i++) r[i] = std::F(v[i]);                               \
    return r;                                                                                     \
  }
VEC_MATH(sqrt) VEC_MATH(abs) VEC_MATH(exp) VEC_MATH(log) VEC_MATH(sin) VEC_MATH(cos) VEC_MATH(floor)
#undef VEC_MATH
template <class A, class B, Scalar<B> = 0>
RVec<decltype(typename Promote<A>::Type() + typename Promote<B>::Type())> pow(const RVec<A> &v,
                                                                                    const B &y) {
  RVec<decltype(typename Promote<A>::Type() + typename Promote<B>::Type())> r(v.size());
  for (std::size_t i = 0; i < v.size(); i++) r[i] = std::pow(v[i], y);
  return r;
}

template <class T> T Sum(const RVec<T> &v, const T zero = T(0)) {
  return std::accumulate(v.begin(), v.end(), zero);
}
inline std::size_t Sum(const RVec<bool> &v, std::size_t zero = 0ul) {
  return std::accumulate(v.begin(), v.end(), zero);
}
template <class T> double Mean(const RVec<T> &v) { return v.empty() ? 0. : double(Sum(v)) / v.size(); }
template <class T> T Max(const RVec<T> &v) { return *std::max_element(v.begin(), v.end()); }
template <class T> T Min(const RVec<T> &v) { return *std::min_element(v.begin(), v.end()); }
template <class T> std::size_t ArgMax(const RVec<T> &v) {
  return std::distance(v.begin(), std::max_element(v.begin(), v.end()));
}
template <class T> std::size_t ArgMin(const RVec<T> &v) {
  return std::distance(v.begin(), std::min_element(v.begin(), v.end()));
}
template <class T> bool Any(const RVec<T> &v) {
  for (auto &&e : v) if (static_cast<bool>(e)) return true;
  return false;
}
template <class T> bool All(const RVec<T> &v) {
  for (auto &&e : v) if (!static_cast<bool>(e)) return false;
  return true;
}
template <class T> RVec<std::size_t> Nonzero(const RVec<T> &v) {
  RVec<std::size_t> r;
  for (std::size_t i = 0; i < v.size(); i++) if (v[i] != 0) r.push_back(i);
  return r;
}
template <class T> RVec<T> Take(const RVec<T> &v, const RVec<std::size_t> &idx) {
  RVec<T> r(idx.size());
  for (std::size_t k = 0; k < idx.size(); k++) r[k] = v[idx[k]];
  return r;
}
template <class T> RVec<T> Take(const RVec<T> &v, const int n) {
  const std::size_t absn = std::abs(n);
  if (absn > v.size()) throw std::runtime_error("Take");
  RVec<T> r(absn);
  for (std::size_t k = 0; k < absn; k++) r[k] = n < 0 ? v[v.size() - absn + k] : v[k];
  return r;
}
template <class T, class M> RVec<T> Masked(const RVec<T> &v, const RVec<M> &m) {
  sameSize(v.size(), m.size());
  RVec<T> r;
  for (std::size_t i = 0; i < v.size(); i++) if (m[i]) r.push_back(v[i]);
  return r;
}
template <typename T0, typename T1 = T0, typename Common_t = typename std::common_type_t<T0, T1>>
Common_t DeltaPhi(T0 v1, T1 v2, const Common_t c = M_PI) {
  static_assert(std::is_floating_point<T0>::value && std::is_floating_point<T1>::value, "floating point");
  auto r = std::fmod(v2 - v1, 2.0 * c);
  if (r < -c) r += 2.0 * c;
  else if (r > c) r -= 2.0 * c;
  return r;
}
template <class T> RVec<T> DeltaPhi(const RVec<T> &v1, const RVec<T> &v2, const T c = M_PI) {
  sameSize(v1.size(), v2.size());
  RVec<T> r(v1.size());
  for (std::size_t i = 0; i < v1.size(); i++) r[i] = DeltaPhi(v1[i], v2[i], c);
  return r;
}
template <class T> T DeltaR(T eta1, T eta2, T phi1, T phi2, const T c = M_PI) {
  const auto dphi = DeltaPhi(phi1, phi2, c);
  return std::sqrt((eta1 - eta2) * (eta1 - eta2) + dphi * dphi);
}
template <class T>
RVec<T> DeltaR(const RVec<T> &eta1, const RVec<T> &eta2, const RVec<T> &phi1,
                      const RVec<T> &phi2, const T c = M_PI) {
  const auto dphi = DeltaPhi(phi1, phi2, c);
  return sqrt((eta1 - eta2) * (eta1 - eta2) + dphi * dphi);
}
template <class T>
T InvariantMass(const RVec<T> &pt, const RVec<T> &eta, const RVec<T> &phi,
                const RVec<T> &mass) {
  T x_sum = 0., y_sum = 0., z_sum = 0., e_sum = 0.;
  for (std::size_t i = 0u; i < pt.size(); ++i) {
    const auto x = pt[i] * std::cos(phi[i]);
    x_sum += x;
    const auto y = pt[i] * std::sin(phi[i]);
    y_sum += y;
    const auto z = pt[i] * std::sinh(eta[i]);
    z_sum += z;
    const auto e = std::sqrt(x * x + y * y + z * z + mass[i] * mass[i]);
    e_sum += e;
  }
  return std::sqrt(e_sum * e_sum - x_sum * x_sum - y_sum * y_sum - z_sum * z_sum);
}
template <class T>
RVec<T> InvariantMasses(const RVec<T> &pt1, const RVec<T> &eta1, const RVec<T> &phi1, const RVec<T> &mass1,
                        const RVec<T> &pt2, const RVec<T> &eta2, const RVec<T> &phi2, const RVec<T> &mass2) {
  RVec<T> r(pt1.size());
  for (std::size_t i = 0; i < pt1.size(); i++) {
    const auto x1 = pt1[i] * std::cos(phi1[i]);
    const auto y1 = pt1[i] * std::sin(phi1[i]);
    const auto z1 = pt1[i] * std::sinh(eta1[i]);
    const auto e1 = std::sqrt(x1 * x1 + y1 * y1 + z1 * z1 + mass1[i] * mass1[i]);
    const auto x2 = pt2[i] * std::cos(phi2[i]);
    const auto y2 = pt2[i] * std::sin(phi2[i]);
    const auto z2 = pt2[i] * std::sinh(eta2[i]);
    const auto e2 = std::sqrt(x2 * x2 + y2 * y2 + z2 * z2 + mass2[i] * mass2[i]);
    const auto e = e1 + e2;
    const auto x = x1 + x2;
    const auto y = y1 + y2;
    const auto z = z1 + z2;
    r[i] = std::sqrt(e * e - x * x - y * y - z * z);
  }
  return r;
}
