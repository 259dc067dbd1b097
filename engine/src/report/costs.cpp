#include "archbench/costs.h"

#include <cstdio>

#include "archbench/solver.h"

namespace archbench {

const char* period_name(CostPeriod p) {
  switch (p) {
    case CostPeriod::Hour: return "hour";
    case CostPeriod::Month: return "month";
    case CostPeriod::Year: return "year";
  }
  return "month";
}

double hours_in(CostPeriod p) {
  switch (p) {
    case CostPeriod::Hour: return 1;
    case CostPeriod::Month: return 730;
    case CostPeriod::Year: return 8760;
  }
  return 730;
}

std::vector<CostLine> cost_lines(const Report& report, CostPeriod period) {
  const double months = hours_in(period) / 730.0;
  std::vector<CostLine> out;
  for (const auto& c : report.components) {
    for (const auto& item : c.costs) {
      CostLine l;
      l.version = report.version;
      l.component = c.name.empty() ? c.id : c.name;
      l.id = c.id;
      l.kind = c.kind;
      l.item = item.term;
      l.unit = item.unit;
      l.quantity = item.quantity * months;
      l.unit_price_usd = item.unit_price_usd;
      if (item.unit == "node-months") {  // billed by the hour
        l.unit = "node-hours";
        l.quantity = item.quantity * hours_in(period);
        l.unit_price_usd = item.unit_price_usd / 730.0;
      }
      l.usd = item.usd_per_month * months;
      out.push_back(std::move(l));
    }
  }
  return out;
}

namespace {

std::string plain(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

}  // namespace

std::string cost_csv(const std::vector<CostLine>& lines, CostPeriod period) {
  std::string out =
      std::string("version,component,id,kind,line item,quantity,unit,unit price (USD),USD per ") +
      period_name(period) + "\n";
  for (const auto& l : lines)
    out += field(l.version) + "," + field(l.component) + "," + field(l.id) + "," + field(l.kind) + "," + field(l.item) + "," +
           plain(l.quantity) + "," + field(l.unit) + "," + plain(l.unit_price_usd) + "," +
           plain(l.usd) + "\n";
  return out;
}

}  // namespace archbench
