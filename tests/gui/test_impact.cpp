// Impact heatmap and experiments view tests (being written).
#include <QtTest>

class ImpactTest : public QObject {
  Q_OBJECT
};

QTEST_MAIN(ImpactTest)
#include "test_impact.moc"
