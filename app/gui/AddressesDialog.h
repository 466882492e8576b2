#pragma once

#include "PostalAddress.h"

#include <QDialog>
#include <memory>

namespace Ui {
class AddressesDialog;
}
class QLineEdit;

namespace foyer::gui {

// The details panel's "Addresses" block: the patron's addresses, one of them primary. Staff add, edit, remove and
// "make primary"; Save hands the whole list over, and it is saved whole or not at all.
class AddressesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddressesDialog(const QList<core::PostalAddress>& addresses, QWidget* parent = nullptr);
    ~AddressesDialog() override;

    QList<core::PostalAddress> addresses() const { return m_addresses; }
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    void fillList();
    void showSelected();
    void editSelected();
    void addAddress();
    void makeSelectedPrimary();
    void removeSelected();
    void trySave();

    std::unique_ptr<Ui::AddressesDialog> m_ui;
    QList<core::PostalAddress> m_addresses;
    QList<QLineEdit*> m_fields;
};

} // namespace foyer::gui
