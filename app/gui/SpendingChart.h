#pragma once

#include <QList>
#include <QWidget>

namespace foyer::gui {

// A small horizontal bar chart of a patron's spending by category, with each figure beside its bar.
class SpendingChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar
    {
        QString label;
        qint64 amountMinor = 0;
    };

    explicit SpendingChart(QWidget* parent = nullptr);
    void setBars(const QList<Bar>& bars);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Bar> m_bars;
};

} // namespace foyer::gui
