#pragma once

#include "PatronActivity.h"

#include <QDialog>
#include <memory>

namespace Ui {
class OrderDetailsDialog;
}

namespace foyer::gui {

// One order from the profile's Orders section, read-only: header, lines with seat, price, pay type and status.
class OrderDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    OrderDetailsDialog(const core::OrderSummary& order, const QList<core::OrderLineSummary>& lines,
                       QWidget* parent = nullptr);
    ~OrderDetailsDialog() override;

private:
    std::unique_ptr<Ui::OrderDetailsDialog> m_ui;
};

} // namespace foyer::gui
