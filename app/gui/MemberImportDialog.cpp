#include "MemberImportDialog.h"

#include "FieldProblem.h"
#include "PasswordHasher.h"
#include "ui_MemberImportDialog.h"

#include <QFile>
#include <QFileDialog>
#include <QPushButton>

namespace foyer::gui {

MemberImportDialog::MemberImportDialog(storage::MemberImportRepository* repository, const QString& actorId,
                                       QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MemberImportDialog>())
    , m_repository(repository)
    , m_actorId(actorId)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->importButton->setEnabled(false);
    m_ui->reportTable->setColumnCount(4);
    m_ui->reportTable->setHorizontalHeaderLabels({tr("Line"), tr("Membership #"), tr("Name"), tr("Problems")});
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Member database"), QString(),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!file.isEmpty())
            m_ui->fileField->setText(file);
    });
    connect(m_ui->fileField, &QLineEdit::textChanged, this, [this] { m_ui->importButton->setEnabled(false); });
    connect(m_ui->dryRunButton, &QPushButton::clicked, this, &MemberImportDialog::dryRun);
    connect(m_ui->fileField, &QLineEdit::returnPressed, this, &MemberImportDialog::dryRun);
    connect(m_ui->importButton, &QPushButton::clicked, this, &MemberImportDialog::importAll);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    m_ui->fileField->setFocus();
}

MemberImportDialog::~MemberImportDialog() = default;

bool MemberImportDialog::dryRun()
{
    m_ui->importButton->setEnabled(false);
    m_ui->reportTable->setRowCount(0);
    QFile file(m_ui->fileField->text().trimmed());
    if (!file.open(QIODevice::ReadOnly)) {
        FieldProblem::show(m_ui->summaryLabel, tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()),
                           m_ui->fileField);
        return false;
    }
    m_checkedText = QString::fromUtf8(file.readAll());
    FieldProblem::clear(nullptr, m_ui->fileField);
    const storage::MemberImportRepository::Lookups lookups = m_repository->lookups();
    m_report = core::MemberImport::dryRun(m_checkedText, lookups.showIds, lookups.levelIds, lookups.membershipNumbers);
    if (!m_report.fileError.isEmpty()) {
        FieldProblem::show(m_ui->summaryLabel, m_report.fileError);
        return false;
    }
    m_ui->reportTable->setRowCount(int(m_report.members.size()));
    for (int r = 0; r < m_report.members.size(); ++r) {
        const core::MemberImport::Member& m = m_report.members.at(r);
        const QStringList cells = {QString::number(m.line), m.membershipNumber,
                                   QString(m.firstName + u' ' + m.lastName).trimmed(),
                                   m.errors.isEmpty() ? tr("OK") : m.errors.join(QStringLiteral("; "))};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            if (!m.errors.isEmpty())
                item->setForeground(QColor(0xa4, 0x00, 0x00));
            m_ui->reportTable->setItem(r, c, item);
        }
    }
    m_ui->reportTable->resizeColumnsToContents();
    const int errors = m_report.errorCount();
    m_ui->summaryLabel->setStyleSheet(errors > 0 ? QStringLiteral("color: #a40000;") : QString());
    m_ui->summaryLabel->show();
    m_ui->summaryLabel->setText(
        errors > 0 ? tr("Dry run: %1 member(s), %2 problem(s). Nothing was written; fix the file and run it again.")
                         .arg(m_report.members.size())
                         .arg(errors)
                   : tr("Dry run: %1 member(s), no problems. Nothing was written yet.").arg(m_report.members.size()));
    m_ui->importButton->setEnabled(m_report.canImport());
    return m_report.canImport();
}

bool MemberImportDialog::importAll()
{
    if (!m_report.canImport())
        return false;
    // Passwords are hashed here (Argon2id) and dropped; storage only ever sees the hashes.
    QHash<QString, QString> hashes;
    for (core::MemberImport::Member& m : m_report.members) {
        if (m.password.isEmpty())
            continue;
        const QString hash = security::PasswordHasher::hash(m.password);
        m.password.fill(u'\0');
        m.password.clear();
        if (hash.isEmpty()) {
            FieldProblem::show(m_ui->summaryLabel, tr("Could not hash a password (out of memory); nothing imported."));
            return false;
        }
        hashes.insert(m.membershipNumber, hash);
    }
    int emails = 0;
    QString error;
    const bool ok = m_repository->import(m_report, hashes, m_actorId, &emails, &error);
    m_ui->importButton->setEnabled(false);
    if (!ok) {
        FieldProblem::show(m_ui->summaryLabel, tr("Nothing imported: %1").arg(error));
        return false;
    }
    m_ui->summaryLabel->setStyleSheet(QString());
    m_ui->summaryLabel->setText(tr("Imported %1 member(s); %2 will get an email to set their password.")
                                    .arg(m_report.members.size())
                                    .arg(emails));
    m_report = {};
    return true;
}

} // namespace foyer::gui
