#pragma once

#include "PatronActivity.h"
#include "ProfileSection.h"
#include "SyncOutbox.h"

#include <QHash>

#include <memory>

namespace Ui {
class OrdersSection;
}

namespace foyer::gui {

// The Orders tab: the patron's orders by category, their totals, and the way into one.
class OrdersSection : public ProfileSection
{
    Q_OBJECT
public:
    OrdersSection(const ProfileServices& services, const QString& patronId, QWidget* parent = nullptr);
    ~OrdersSection() override;

    void openSelectedOrder();

signals:
    // A seated or unconfirmed order opens in the order editor, which the profile owns.
    void orderEditorRequested(const QString& orderId);

protected:
    void load() override;

private:
    void fillOrders();

    std::unique_ptr<Ui::OrdersSection> m_ui;
    QList<core::OrderSummary> m_orders;
    // The patron's orders the server refused and staff have not resolved (storage::SyncOutbox), by order id.
    QHash<QString, storage::SyncOutbox::Attention> m_attention;
};

} // namespace foyer::gui
