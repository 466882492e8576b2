#pragma once

#include "PersonalDetailsRules.h"
#include "StaffMember.h"

#include <QDialog>
#include <QHash>
#include <memory>

namespace Ui {
class PersonalDetailsDialog;
}
class QLabel;
class QLineEdit;

namespace foyer::gui {

// The details panel's "Personal details" block: names, pronouns, birthday, organisation, preferred contact, alumni
// year, household and email subscription. Checks each field with core's rules and shows a refusal at the field;
// saveRequested is emitted only for a form without problems.
class PersonalDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    PersonalDetailsDialog(const core::PersonalDetailsForm& form, const QString& householdName,
                          const QList<core::StaffMember>& staff, QWidget* parent = nullptr);
    ~PersonalDetailsDialog() override;

    core::PersonalDetailsForm form() const;
    QString householdName() const;
    // A refusal from saving (the database's word), shown under the fields.
    void showProblem(const QString& message);

signals:
    void saveRequested();

private:
    void trySave();

    std::unique_ptr<Ui::PersonalDetailsDialog> m_ui;
    QHash<QString, std::pair<QLineEdit*, QLabel*>> m_fields; // form member name -> field and its problem label
};

} // namespace foyer::gui
