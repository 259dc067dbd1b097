#include "versions/versionnotes.h"

#include <QRegularExpression>
#include <QStringList>

namespace version_notes {

QString first_line(const std::string& notes) {
  const QString text = QString::fromStdString(notes).trimmed();
  return text.section(QLatin1Char('\n'), 0, 0).trimmed();
}

QString html(const std::string& notes) {
  QString text = QString::fromStdString(notes).trimmed().toHtmlEscaped();
  static const QRegularExpression marker(QStringLiteral("\\b(Trigger|Decision):"));
  text.replace(marker, QStringLiteral("<b>\\1:</b>"));
  text.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
  return text;
}

QString tooltip(const std::string& notes) {
  if (QString::fromStdString(notes).trimmed().isEmpty()) return {};
  return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(html(notes));
}

}  // namespace version_notes
