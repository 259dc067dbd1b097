#include "document/names.h"

#include "archbench/model.h"

QString withNames(const std::string& engineText, const archbench::Version& version) {
  QString text = QString::fromStdString(engineText);
  if (!text.contains(QLatin1Char('"'))) return text;
  for (const auto& c : version.components) {
    if (c.name.empty() || c.name == c.id) continue;
    text.replace(QLatin1Char('"') + QString::fromStdString(c.id) + QLatin1Char('"'),
                 QLatin1Char('"') + QString::fromStdString(c.name) + QLatin1Char('"'));
  }
  return text;
}
