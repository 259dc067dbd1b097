#include "faultspec.h"

#include <QList>
#include <QObject>
#include <QPair>
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

bool joined(const archbench::Version& v, const QString& from, const QString& to) {
  const std::string a = from.toStdString(), b = to.toStdString();
  return std::any_of(v.links.begin(), v.links.end(),
                     [&](const archbench::Link& l) { return l.from == a && l.to == b; });
}

std::optional<double> number(const QString& text) {
  bool ok = false;
  const double v = text.toDouble(&ok);
  if (!ok || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "3", "3x", "x3" or "×3", as the CLI reads a multiplier.
std::optional<double> factor(QString text) {
  if (text.endsWith(QLatin1Char('x'), Qt::CaseInsensitive))
    text.chop(1);
  else if (text.startsWith(QLatin1Char('x')) || text.startsWith(QChar(0x00D7)))
    text.remove(0, 1);
  return number(text);
}

// "20", "20ms" or "0.02s", in milliseconds.
std::optional<double> milliseconds(QString text) {
  double scale = 1;
  if (text.endsWith(QStringLiteral("ms"))) {
    text.chop(2);
  } else if (text.endsWith(QLatin1Char('s'))) {
    text.chop(1);
    scale = 1000;
  }
  const auto v = number(text);
  return v ? std::optional<double>(*v * scale) : std::nullopt;
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

  archbench::Fault f;
  f.type = *type;
  using archbench::FaultType;
  switch (*type) {
    case FaultType::Spike: {
      const auto x = factor(rest);
      if (!x || *x <= 0) return fail(tr("a spike takes a factor above 0, e.g. spike:3"));
      f.factor = *x;
      return f;
    }
    case FaultType::Zone:
      if (!has_zone(version, rest))
        return fail(QObject::tr("no component of %1 is in zone \"%2\"")
                        .arg(QString::fromStdString(version.name), rest));
      f.zone = rest.toStdString();
      return f;
    case FaultType::Cut: {
      // "a->b" as written; "a-b" as the CLI reads it: the one split at a hyphen into two
      // components joined by a link (either way; the fault follows the link's direction).
      if (rest.contains(QStringLiteral("->"))) {
        const QStringList ends = rest.split(QStringLiteral("->"));
        if (ends.size() != 2 || !joined(version, ends[0], ends[1]))
          return fail(tr("no link goes from the first component to the second"));
        f.component = ends[0].toStdString();
        f.to = ends[1].toStdString();
        return f;
      }
      QList<QPair<QString, QString>> fits;
      for (qsizetype i = rest.indexOf(QLatin1Char('-')); i > 0;
           i = rest.indexOf(QLatin1Char('-'), i + 1)) {
        const QString a = rest.left(i), b = rest.mid(i + 1);
        if (joined(version, a, b))
          fits.append({a, b});
        else if (joined(version, b, a))
          fits.append({b, a});
      }
      if (fits.size() != 1)
        return fail(fits.isEmpty()
                        ? tr("a cut names two components joined by a link, e.g. cut:app-db")
                        : tr("more than one link fits; write FROM->TO"));
      f.component = fits.front().first.toStdString();
      f.to = fits.front().second.toStdString();
      return f;
    }
    default:
      break;
  }

  // ID, ID=VALUE, and for slow ID+MS or ID=+MS (the CLI's spelling).
  QString id = rest;
  std::optional<QString> value;
  std::optional<QString> added;
  if (const qsizetype eq = rest.indexOf(QLatin1Char('=')); eq >= 0) {
    id = rest.left(eq);
    value = rest.mid(eq + 1);
    if (value->startsWith(QLatin1Char('+'))) {
      added = value->mid(1);
      value.reset();
    }
  } else if (const qsizetype plus = rest.indexOf(QLatin1Char('+')); plus >= 0) {
    id = rest.left(plus);
    added = rest.mid(plus + 1);
  }
  if (!has_component(version, id))
    return fail(
        QObject::tr("%1 has no component \"%2\"").arg(QString::fromStdString(version.name), id));
  f.component = id.toStdString();
  // The value as a plain number (0 when none is given): GCC 12 misreads an optional here.
  double v = 0;
  if (value) {
    const auto parsed = *type == FaultType::Slow ? factor(*value) : number(*value);
    if (!parsed) return fail(QObject::tr("\"%1\" is not a number").arg(*value));
    v = *parsed;
  }

  switch (*type) {
    case FaultType::Crash:
    case FaultType::Hang:
      if (value || added) return fail(tr("crash and hang take no value"));
      return f;
    case FaultType::Lose:
      if (added || (value && (v < 1 || v != std::floor(v))))
        return fail(tr("lose takes a whole number of instances, e.g. lose:app=1"));
      f.instances = value ? static_cast<int>(v) : 1;
      return f;
    case FaultType::Slow:
      if (added) {
        const auto ms = milliseconds(*added);
        if (!ms || *ms <= 0) return fail(tr("slow:ID+MS adds a time above 0 ms to every visit"));
        f.add_ms = *ms;
      } else {
        if (v <= 0) return fail(tr("slow takes a factor, e.g. slow:db=3, or slow:db+20 (ms)"));
        f.factor = v;
      }
      return f;
    case FaultType::Flush:
      if (added || (value && (v < 0 || v > 1)))
        return fail(tr("flush takes the hit ratio while it lasts, 0 to 1, e.g. flush:cache=0.2"));
      f.hit_ratio = v;
      return f;
    case FaultType::Partition:
      if (added || (value && (v <= 0 || v >= 1)))
        return fail(tr("partition takes the cut-off share of requests, between 0 and 1"));
      if (value) f.fraction = v;
      return f;
    default:
      return fail(tr("unsupported fault type"));
  }
}

}  // namespace fault_spec
