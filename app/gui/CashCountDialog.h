#pragma once

#include "CashDrawerRepository.h"

#include <QDialog>

class QDateEdit;
class QLabel;
class QLineEdit;

namespace foyer::gui {

// Staff count the cash in their drawer at close: the day, the drawer, the float it opened with and what is in it now.
// The day sheet sets the count beside what the drawer's payments say should be there.
class CashCountDialog : public QDialog
{
    Q_OBJECT
public:
    CashCountDialog(storage::CashDrawerRepository* drawers, const QString& workstation, const QString& staffId,
                    QWidget* parent = nullptr);

    // Saves the count; false, with the reason shown in the dialog, when a figure is not money or the save fails.
    bool save();

private:
    storage::CashDrawerRepository* m_drawers;
    QString m_workstation;
    QString m_staffId;
    QDateEdit* m_dayField;
    QLineEdit* m_drawerField;
    QLineEdit* m_floatField;
    QLineEdit* m_countedField;
    QLineEdit* m_noteField;
    QLabel* m_messageLabel;
};

} // namespace foyer::gui
