#pragma once
// The cost breakdown as a bill: a line per component and line item with its quantity, unit
// price and dollars, for a chosen period; and its CSV, the one spreadsheet form of it.
#include <string>
#include <vector>

namespace archbench {

struct Report;

enum class CostPeriod { Hour, Month, Year };

// "hour", "month", "year"; the hours in each (1, 730, 8,760: the 730-hour month of cloud price
// lists).
const char* period_name(CostPeriod p);
double hours_in(CostPeriod p);

struct CostLine {
  std::string version;
  std::string component;  // the component's display name
  std::string id;
  std::string kind;
  std::string item;       // "nodes", "requests", "transfer", "storage", "compute"
  double quantity = 0;    // in `unit`, over the period
  std::string unit;       // "node-hours", "million requests", "GB", "GB-months", "GB-seconds"
  double unit_price_usd = 0;
  double usd = 0;         // over the period: quantity × unit price
};

// Every billed line of the report's components, in the report's order. A month's figures are
// the report's own; an hour's and a year's scale them by the hours in the period. Nodes are
// billed in node-hours (the monthly price / 730), the other items in the units of the catalog.
std::vector<CostLine> cost_lines(const Report& report, CostPeriod period);

// CSV (RFC 4180 quoting, one line a row) with a header row: version,component,id,kind,line item,
// quantity,unit,unit price (USD),USD per PERIOD. Numbers are plain (a point, no thousands separators, up to 10 significant
// digits) so that spreadsheets read them as numbers.
std::string cost_csv(const std::vector<CostLine>& lines, CostPeriod period);

}  // namespace archbench
