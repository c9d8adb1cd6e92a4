// The TMath functions the expression language supports, declared with the overload sets of ROOT's TMathBase.h and
// TMath.h (ROOT is not installed where the tests run). Only the declarations matter for typing: g++ resolves a
// TMath call here as ROOT's interpreter resolves it against ROOT's headers. Bodies do what ROOT's do.
namespace TMath {
constexpr double Pi() { return 3.14159265358979323846; }

inline short Abs(short d) { return d >= 0 ? d : short(-d); }
inline int Abs(int d) { return std::abs(d); }
inline long Abs(long d) { return std::labs(d); }
inline long long Abs(long long d) { return std::llabs(d); }
inline float Abs(float d) { return std::abs(d); }
inline double Abs(double d) { return std::abs(d); }
inline long double Abs(long double d) { return std::abs(d); }

#define TMATH_MIN_MAX(T) \
  inline T Min(T a, T b) { return a <= b ? a : b; } \
  inline T Max(T a, T b) { return a >= b ? a : b; }
TMATH_MIN_MAX(short)
TMATH_MIN_MAX(unsigned short)
TMATH_MIN_MAX(int)
TMATH_MIN_MAX(unsigned int)
TMATH_MIN_MAX(long)
TMATH_MIN_MAX(unsigned long)
TMATH_MIN_MAX(long long)
TMATH_MIN_MAX(unsigned long long)
TMATH_MIN_MAX(float)
TMATH_MIN_MAX(double)
#undef TMATH_MIN_MAX

inline double Sin(double x) { return std::sin(x); }
inline double Cos(double x) { return std::cos(x); }
inline double Tan(double x) { return std::tan(x); }
inline double SinH(double x) { return std::sinh(x); }
inline double CosH(double x) { return std::cosh(x); }
inline double TanH(double x) { return std::tanh(x); }
inline double ASin(double x) {
  if (x < -1.) return -Pi() / 2;
  if (x > 1.) return Pi() / 2;
  return std::asin(x);
}
inline double ACos(double x) {
  if (x < -1.) return Pi();
  if (x > 1.) return 0;
  return std::acos(x);
}
inline double ATan(double x) { return std::atan(x); }
inline double ATan2(double y, double x) {
  if (x != 0) return std::atan2(y, x);
  if (y == 0) return 0;
  if (y > 0) return Pi() / 2;
  return -Pi() / 2;
}
inline double Hypot(double x, double y) { return std::hypot(x, y); }
inline long Hypot(long x, long y) { return long(std::hypot(double(x), double(y)) + 0.5); }
inline double Sqrt(double x) { return std::sqrt(x); }
inline double Exp(double x) { return std::exp(x); }
inline double Log(double x) { return std::log(x); }
inline double Log10(double x) { return std::log10(x); }
inline double Floor(double x) { return std::floor(x); }
inline double Ceil(double x) { return std::ceil(x); }
inline long double Power(long double x, long double y) { return std::pow(x, y); }
inline long double Power(long double x, long long y) { return std::pow(x, (long double) y); }
inline long double Power(long long x, long long y) { return std::pow(x, y); }
inline double Power(double x, double y) { return std::pow(x, y); }
inline double Power(double x, int y) { return std::pow(x, y); }
inline int IsNaN(double x) { return std::isnan(x); }
inline int IsNaN(float x) { return std::isnan(x); }
}
