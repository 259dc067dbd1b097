#include "faultspec.h"

#include <QObject>
#include <QStringList>
#include <algorithm>
#include <cmath>

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

std::optional<double> number(const QString& text) {
  bool ok = false;
  const double v = text.toDouble(&ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

QString help() {
  return QObject::tr(
      "crash:ID, hang:ID, lose:ID=N (instances), slow:ID=FACTOR or slow:ID+MS, "
      "flush:ID[=HIT_RATIO], "
      "cut:FROM-TO (or FROM->TO), zone:NAME, spike:FACTOR, partition:ID[=FRACTION]");
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

  archbench::Fault f;
  f.type = *type;
  using archbench::FaultType;
  switch (*type) {
    case FaultType::Spike: {
      const auto factor = number(rest);
      if (!factor || *factor <= 0) return fail(tr("a spike takes a factor above 0, e.g. spike:3"));
      f.factor = *factor;
      return f;
    }
    case FaultType::Zone:
      if (!has_zone(version, rest))
        return fail(QObject::tr("no component of %1 is in zone \"%2\"")
                        .arg(QString::fromStdString(version.name), rest));
      f.zone = rest.toStdString();
      return f;
    case FaultType::Cut: {
      // "a->b" first; otherwise the hyphen at which both sides name components.
      QStringList ends;
      if (rest.contains(QStringLiteral("->"))) {
        ends = rest.split(QStringLiteral("->"));
      } else {
        for (qsizetype i = rest.indexOf(QLatin1Char('-')); i > 0;
             i = rest.indexOf(QLatin1Char('-'), i + 1)) {
          if (has_component(version, rest.left(i)) && has_component(version, rest.mid(i + 1))) {
            ends = {rest.left(i), rest.mid(i + 1)};
            break;
          }
        }
      }
      if (ends.size() != 2 || !has_component(version, ends[0]) || !has_component(version, ends[1]))
        return fail(tr("a cut names two components of the version, e.g. cut:app-db"));
      f.component = ends[0].toStdString();
      f.to = ends[1].toStdString();
      return f;
    }
    default:
      break;
  }

  // ID, ID=VALUE or (slow) ID+MS.
  QString id = rest;
  std::optional<QString> value;
  std::optional<QString> added;
  if (const qsizetype eq = rest.indexOf(QLatin1Char('=')); eq >= 0) {
    id = rest.left(eq);
    value = rest.mid(eq + 1);
  } else if (const qsizetype plus = rest.indexOf(QLatin1Char('+')); plus >= 0) {
    id = rest.left(plus);
    added = rest.mid(plus + 1);
  }
  if (!has_component(version, id))
    return fail(
        QObject::tr("%1 has no component \"%2\"").arg(QString::fromStdString(version.name), id));
  f.component = id.toStdString();
  const std::optional<double> v = value ? number(*value) : std::nullopt;
  if (value && !v) return fail(QObject::tr("\"%1\" is not a number").arg(*value));

  switch (*type) {
    case FaultType::Crash:
    case FaultType::Hang:
      if (value || added) return fail(tr("crash and hang take no value"));
      return f;
    case FaultType::Lose:
      if (added || (v && (*v < 1 || *v != std::floor(*v))))
        return fail(tr("lose takes a whole number of instances, e.g. lose:app=1"));
      f.instances = v ? static_cast<int>(*v) : 1;
      return f;
    case FaultType::Slow:
      if (added) {
        const auto ms = number(*added);
        if (!ms || *ms <= 0) return fail(tr("slow:ID+MS adds a time above 0 ms to every visit"));
        f.add_ms = *ms;
      } else {
        if (!v || *v <= 0)
          return fail(tr("slow takes a factor, e.g. slow:db=3, or slow:db+20 (ms)"));
        f.factor = *v;
      }
      return f;
    case FaultType::Flush:
      if (added || (v && (*v < 0 || *v > 1)))
        return fail(tr("flush takes the hit ratio while it lasts, 0 to 1, e.g. flush:cache=0.2"));
      f.hit_ratio = v.value_or(0);
      return f;
    case FaultType::Partition:
      if (added || (v && (*v <= 0 || *v >= 1)))
        return fail(tr("partition takes the cut-off share of requests, between 0 and 1"));
      if (v) f.fraction = *v;
      return f;
    default:
      return fail(tr("unsupported fault type"));
  }
}

}  // namespace fault_spec
