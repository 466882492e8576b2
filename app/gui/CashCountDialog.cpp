#include "CashCountDialog.h"

#include "Clock.h"
#include "MoneyFormat.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace foyer::gui {

namespace {

template <typename Field> Field* named(Field* field, const QString& objectName, const QString& accessibleName)
{
    field->setObjectName(objectName);
    field->setAccessibleName(accessibleName);
    return field;
}

} // namespace

CashCountDialog::CashCountDialog(storage::CashDrawerRepository* drawers, const QString& workstation,
                                 const QString& staffId, QWidget* parent)
    : QDialog(parent)
    , m_drawers(drawers)
    , m_workstation(workstation)
    , m_staffId(staffId)
    , m_dayField(named(new QDateEdit(core::Clock::today(), this), QStringLiteral("dayField"), tr("Day")))
    , m_drawerField(named(new QLineEdit(tr("Drawer 1"), this), QStringLiteral("drawerField"), tr("Drawer")))
    , m_floatField(named(new QLineEdit(this), QStringLiteral("floatField"), tr("Opening float")))
    , m_countedField(named(new QLineEdit(this), QStringLiteral("countedField"), tr("Cash counted")))
    , m_noteField(named(new QLineEdit(this), QStringLiteral("noteField"), tr("Note")))
    , m_messageLabel(named(new QLabel(this), QStringLiteral("messageLabel"), tr("Cash count message")))
{
    setWindowTitle(tr("Count cash drawer"));
    setAccessibleName(windowTitle());
    m_dayField->setCalendarPopup(true);
    m_floatField->setPlaceholderText(core::MoneyFormat::amount(10000));
    m_countedField->setPlaceholderText(core::MoneyFormat::amount(0));
    m_messageLabel->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Workstation"), new QLabel(workstation.isEmpty() ? tr("(none yet)") : workstation, this));
    form->addRow(tr("&Day"), m_dayField);
    form->addRow(tr("D&rawer or shift"), m_drawerField);
    form->addRow(tr("Opening &float"), m_floatField);
    form->addRow(tr("Cash &counted"), m_countedField);
    form->addRow(tr("&Note"), m_noteField);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    buttons->button(QDialogButtonBox::Save)->setAccessibleName(tr("Save the count"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_messageLabel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_countedField->setFocus();
}

bool CashCountDialog::save()
{
    storage::CashDrawerRepository::CashCount count;
    count.businessDate = m_dayField->date();
    count.workstation = m_workstation;
    count.drawer = m_drawerField->text();
    count.note = m_noteField->text();
    const QString floatText = m_floatField->text().trimmed().isEmpty() ? QStringLiteral("0") : m_floatField->text();
    if (!core::MoneyFormat::parse(floatText, &count.floatMinor)) {
        m_messageLabel->setText(tr("The opening float \"%1\" is not an amount of money.").arg(m_floatField->text()));
        m_floatField->setFocus();
        return false;
    }
    if (!core::MoneyFormat::parse(m_countedField->text(), &count.countedMinor)) {
        m_messageLabel->setText(tr("Type the cash counted, for example %1.").arg(core::MoneyFormat::amount(14350)));
        m_countedField->setFocus();
        return false;
    }
    QString error;
    if (!m_drawers->recordCount(count, m_staffId, &error)) {
        m_messageLabel->setText(error);
        return false;
    }
    return true;
}

} // namespace foyer::gui
