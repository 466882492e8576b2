#pragma once

#include "ContactDetailsForm.h"
#include "ContactPoint.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ContactDetailsDialog;
}

namespace foyer::gui {

// The details panel's "Email and phone" block: add a secondary email, make one primary, drop one that is not the
// original; set or clear the home and cell numbers. Nothing is saved until Save, and then all of it or none.
class ContactDetailsDialog : public QDialog
{
    Q_OBJECT
public:
    ContactDetailsDialog(const QList<core::ContactPoint>& emails, const QList<core::ContactPoint>& phones,
                         const QString& originalEmail, QWidget* parent = nullptr);
    ~ContactDetailsDialog() override;

    core::ContactDetailsForm form() const;
    void showProblem(const QString& message);

signals:
    void saveRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fillEmails();
    void addEmail();
    void makeSelectedPrimary();
    void removeSelected();
    void trySave();

    std::unique_ptr<Ui::ContactDetailsDialog> m_ui;
    QStringList m_emails;
    QString m_primary;
    QString m_original;
};

} // namespace foyer::gui
