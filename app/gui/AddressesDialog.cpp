#include "AddressesDialog.h"

#include "FieldProblem.h"
#include "ui_AddressesDialog.h"

#include <QPushButton>

namespace foyer::gui {

AddressesDialog::AddressesDialog(const QList<core::PostalAddress>& addresses, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AddressesDialog>())
    , m_addresses(addresses)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->problemLabel->hide();
    m_fields = {m_ui->line1Field,  m_ui->line2Field,      m_ui->cityField,
                m_ui->regionField, m_ui->postalCodeField, m_ui->countryField};
    for (QLineEdit* field : std::as_const(m_fields))
        connect(field, &QLineEdit::textEdited, this, &AddressesDialog::editSelected);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    connect(m_ui->addressesList, &QListWidget::currentRowChanged, this, &AddressesDialog::showSelected);
    connect(m_ui->newAddressButton, &QPushButton::clicked, this, &AddressesDialog::addAddress);
    connect(m_ui->makePrimaryAddressButton, &QPushButton::clicked, this, &AddressesDialog::makeSelectedPrimary);
    connect(m_ui->removeAddressButton, &QPushButton::clicked, this, &AddressesDialog::removeSelected);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AddressesDialog::trySave);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillList();
    m_ui->addressesList->setCurrentRow(m_addresses.isEmpty() ? -1 : 0);
    showSelected();
    m_ui->addressesList->setFocus();
}

AddressesDialog::~AddressesDialog() = default;

void AddressesDialog::fillList()
{
    const int row = m_ui->addressesList->currentRow();
    QSignalBlocker block(m_ui->addressesList);
    m_ui->addressesList->clear();
    for (const core::PostalAddress& address : std::as_const(m_addresses)) {
        const QString text = address.singleLine().isEmpty() ? tr("(new address)") : address.singleLine();
        m_ui->addressesList->addItem(address.isPrimary ? tr("%1 (primary)").arg(text) : text);
    }
    m_ui->addressesList->setCurrentRow(std::min(row, int(m_addresses.size()) - 1));
}

void AddressesDialog::showSelected()
{
    const int row = m_ui->addressesList->currentRow();
    const bool has = row >= 0 && row < m_addresses.size();
    m_ui->addressEditor->setEnabled(has);
    m_ui->makePrimaryAddressButton->setEnabled(has && !m_addresses.at(row).isPrimary);
    m_ui->removeAddressButton->setEnabled(has);
    const core::PostalAddress address = has ? m_addresses.at(row) : core::PostalAddress();
    const QStringList values = {address.line1,  address.line2,      address.city,
                                address.region, address.postalCode, address.country};
    for (int i = 0; i < m_fields.size(); ++i)
        m_fields.at(i)->setText(values.at(i));
}

void AddressesDialog::editSelected()
{
    const int row = m_ui->addressesList->currentRow();
    if (row < 0 || row >= m_addresses.size())
        return;
    core::PostalAddress& address = m_addresses[row];
    address.line1 = m_ui->line1Field->text();
    address.line2 = m_ui->line2Field->text();
    address.city = m_ui->cityField->text();
    address.region = m_ui->regionField->text();
    address.postalCode = m_ui->postalCodeField->text();
    address.country = m_ui->countryField->text();
    const QString text = address.singleLine().isEmpty() ? tr("(new address)") : address.singleLine();
    m_ui->addressesList->item(row)->setText(address.isPrimary ? tr("%1 (primary)").arg(text) : text);
}

void AddressesDialog::addAddress()
{
    core::PostalAddress address;
    address.isPrimary = m_addresses.isEmpty();
    // A new address is usually in the same country as the others.
    address.country = m_addresses.isEmpty() ? QString() : m_addresses.constFirst().country;
    m_addresses.append(address);
    fillList();
    m_ui->addressesList->setCurrentRow(int(m_addresses.size()) - 1);
    m_ui->line1Field->setFocus();
}

void AddressesDialog::makeSelectedPrimary()
{
    const int row = m_ui->addressesList->currentRow();
    if (row < 0 || row >= m_addresses.size())
        return;
    for (int i = 0; i < m_addresses.size(); ++i)
        m_addresses[i].isPrimary = i == row;
    fillList();
    showSelected();
}

void AddressesDialog::removeSelected()
{
    const int row = m_ui->addressesList->currentRow();
    if (row < 0 || row >= m_addresses.size())
        return;
    const bool wasPrimary = m_addresses.takeAt(row).isPrimary;
    if (wasPrimary && !m_addresses.isEmpty())
        m_addresses.first().isPrimary = true;
    fillList();
    showSelected();
}

void AddressesDialog::trySave()
{
    FieldProblem::clear(m_ui->problemLabel);
    for (QLineEdit* field : std::as_const(m_fields))
        FieldProblem::clear(nullptr, field);
    for (int i = 0; i < m_addresses.size(); ++i) {
        const QString problem = m_addresses.at(i).problem();
        if (problem.isEmpty())
            continue;
        m_ui->addressesList->setCurrentRow(i);
        QLineEdit* field = m_addresses.at(i).line1.trimmed().isEmpty() ? m_ui->line1Field : m_ui->cityField;
        FieldProblem::show(m_ui->problemLabel, problem, field);
        return;
    }
    emit saveRequested();
}

void AddressesDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
