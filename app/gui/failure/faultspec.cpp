#include "failure/faultspec.h"

#include "archbench/fault_text.h"

#include <QObject>
#include <QStringList>
#include <algorithm>

namespace fault_spec {

namespace {

QString tr(const char* text) {
  return QObject::tr(text);
}

bool has_component(const archbench::Version& v, const QString& id) {
  return v.component(id.toStdString()) != nullptr;
}

bool has_zone(const archbench::Version& v, const QString& zone) {
  const std::string z = zone.toStdString();
  return std::any_of(v.components.begin(), v.components.end(), [&](const archbench::Component& c) {
    return std::find(c.zones.begin(), c.zones.end(), z) != c.zones.end();
  });
}

bool joined(const archbench::Version& v, const QString& from, const QString& to) {
  const std::string a = from.toStdString(), b = to.toStdString();
  return std::any_of(v.links.begin(), v.links.end(),
                     [&](const archbench::Link& l) { return l.from == a && l.to == b; });
}

}  // namespace

QString help() {
  return QObject::tr(
      "crash:ID, hang:ID, lose:ID=N (instances), slow:ID=FACTOR or slow:ID+MS, "
      "flush:ID[=HIT_RATIO], cut:FROM->TO (or FROM-TO), zone:NAME, spike:FACTOR, "
      "partition:ID[=FRACTION]");
}

std::optional<archbench::Fault> parse(const QString& spec, const archbench::Version& version,
                                      QString* error) {
  auto fail = [&](const QString& why) -> std::optional<archbench::Fault> {
    if (error) *error = QObject::tr("--fault %1: %2").arg(spec, why);
    return std::nullopt;
  };
  const qsizetype colon = spec.indexOf(QLatin1Char(':'));
  if (colon <= 0) return fail(tr("expected TYPE:WHAT, e.g. crash:db"));
  const auto type = archbench::fault_type_from(spec.left(colon).trimmed().toLower().toStdString());
  if (!type) return fail(QObject::tr("unknown fault type \"%1\"").arg(spec.left(colon)));
  const QString rest = spec.mid(colon + 1).trimmed();
  if (rest.isEmpty()) return fail(tr("nothing named after the colon"));

  // The value's syntax is the engine's (archbench/fault_text.h), as archbench-cli reads it.
  const archbench::ParsedFault parsed = archbench::parse_fault_value(*type, rest.toStdString());
  if (!parsed.fault)
    return fail(QObject::tr("expected %1").arg(QString::fromStdString(parsed.expected)));
  archbench::Fault f = *parsed.fault;
  using archbench::FaultType;
  switch (f.type) {
    case FaultType::Spike: return f;
    case FaultType::Zone:
      if (!has_zone(version, rest))
        return fail(QObject::tr("no component of %1 is in zone \"%2\"")
                        .arg(QString::fromStdString(version.name), rest));
      return f;
    case FaultType::Cut:
      if (!parsed.cut.empty()) {
        const auto fits = archbench::cut_candidates(version, parsed.cut);
        if (fits.size() != 1)
          return fail(fits.empty()
                          ? tr("a cut names two components joined by a link, e.g. cut:app-db")
                          : tr("more than one link fits; write FROM->TO"));
        f.component = fits.front().first;
        f.to = fits.front().second;
      } else if (!joined(version, QString::fromStdString(f.component), QString::fromStdString(f.to))) {
        return fail(tr("no link goes from the first component to the second"));
      }
      return f;
    default:
      if (!has_component(version, QString::fromStdString(f.component)))
        return fail(QObject::tr("%1 has no component \"%2\"")
                        .arg(QString::fromStdString(version.name), QString::fromStdString(f.component)));
      return f;
  }
}

}  // namespace fault_spec
