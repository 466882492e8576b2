#pragma once

#include "NewPatronRules.h"
#include "PatronRepository.h"

#include <QDialog>
#include <memory>

namespace Ui {
class NewPatronDialog;
}

namespace foyer::gui {

// The quick "New patron" form at the window: a name and one contact point. Warns before saving when the email or
// phone already belongs to another patron, and offers to open that one instead.
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

    std::unique_ptr<Ui::NewPatronDialog> m_ui;
    storage::PatronRepository* m_patrons;
    core::NewPatronRules m_rules;
    QList<storage::PatronRepository::Match> m_duplicates;
    QString m_warnedFor; // the email|phone the duplicate warning was shown for
    QString m_patronId;
    QString m_actorId;
};

} // namespace foyer::gui
