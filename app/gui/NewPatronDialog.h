#pragma once

#include "NewPatronRules.h"
#include "PatronRepository.h"

#include <QDialog>
#include <memory>

class QLineEdit;

namespace Ui {
class NewPatronDialog;
}

namespace foyer::gui {

// The quick "New patron" form at the window: a name and one contact point. Warns before saving when the email or
// phone already belongs to another patron, or another patron has the same name, and offers (as the default button)
// to open that one instead.
class NewPatronDialog : public QDialog
{
    Q_OBJECT
public:
    // Result codes besides Accepted (saved) and Rejected (cancelled).
    static constexpr int OpenExisting = 2;

    NewPatronDialog(storage::PatronRepository* patrons, const QString& typed, const QString& actorId,
                    QWidget* parent = nullptr);
    ~NewPatronDialog() override;

    void setRules(const core::NewPatronRules& rules) { m_rules = rules; }
    // After Accepted: the new patron; after OpenExisting: the patron to open.
    QString patronId() const { return m_patronId; }

private:
    void prefill(const QString& typed);
    void save();
    void showProblem(const QString& field, const QString& message);
    // The warning about a patron who may be this one: Enter then opens them (the default button).
    void showDuplicate(const storage::PatronRepository::Match& existing, const QString& message,
                       const QList<QLineEdit*>& clashing);
    void clearDuplicateWarning();

    std::unique_ptr<Ui::NewPatronDialog> m_ui;
    storage::PatronRepository* m_patrons;
    core::NewPatronRules m_rules;
    QList<storage::PatronRepository::Match> m_duplicates;
    QString m_warnedFor;                // the email|phone|first|last the duplicate warning was shown for
    QList<QLineEdit*> m_clashingFields; // editing one of them takes the warning away
    QString m_saveText;                 // the Save button's own text, back when a warning goes
    QString m_patronId;
    QString m_actorId;
};

} // namespace foyer::gui
