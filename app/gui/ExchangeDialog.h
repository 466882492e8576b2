#pragma once

#include "OrderDraft.h"
#include "Repositories.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ExchangeDialog;
}

namespace foyer::gui {

// Moves one seat of a confirmed order to another performance: staff choose the performance, type the seat, pick the
// price type and say why; the price difference is shown before it is charged or refunded.
class ExchangeDialog : public QDialog
{
    Q_OBJECT
public:
    ExchangeDialog(storage::Repositories* repos, const core::OrderLineDraft& line, QWidget* parent = nullptr);
    ~ExchangeDialog() override;

    // The chosen seat's id for the chosen performance, or empty with a message at the seat field.
    QString resolveSeat();
    QString performanceId() const;
    qint64 newPriceMinor() const;
    QString reason() const;
    void showProblem(const QString& message);

signals:
    void exchangeRequested();

private:
    void fillPriceTypes();
    void showDifference();

    std::unique_ptr<Ui::ExchangeDialog> m_ui;
    storage::Repositories* m_repos;
    core::OrderLineDraft m_line;
    QList<storage::VenueRepository::Performance> m_performances;
};

} // namespace foyer::gui
