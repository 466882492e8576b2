#include "MemberImportDialog.h"

#include "FieldProblem.h"
#include "PasswordHasher.h"
#include "ui_MemberImportDialog.h"

#include <QFile>
#include <QFileDialog>
#include <QProgressBar>
#include <QPushButton>
#include <atomic>
#include <vector>

namespace foyer::gui {

// One import's hashing, shared with the worker tasks: each task writes only its own slot.
struct MemberImportDialog::HashRun
{
    std::vector<qsizetype> members; // index into the report of each member with a password
    std::vector<QString> hashes;    // same order; empty where hashing failed or was skipped
    std::atomic<bool> cancelled = false;
    std::atomic<int> failed = 0;
    int finished = 0; // GUI thread only
    bool cancelledByUser = false;
};

MemberImportDialog::MemberImportDialog(storage::MemberImportRepository* repository, const QString& actorId,
                                       QWidget* parent, Hasher hasher)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::MemberImportDialog>())
    , m_repository(repository)
    , m_actorId(actorId)
    , m_hasher(hasher ? std::move(hasher) : Hasher([](const core::SecureBuffer& password) {
        return security::PasswordHasher::hash(password);
    }))
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_pool.setMaxThreadCount(2);
    m_ui->importButton->setEnabled(false);
    m_ui->reportTable->setColumnCount(4);
    m_ui->reportTable->setHorizontalHeaderLabels({tr("Line"), tr("Membership #"), tr("Name"), tr("Problems")});

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("hashProgress"));
    m_progress->setAccessibleName(tr("Passwords protected so far"));
    m_progress->setFormat(tr("Protecting passwords: %v of %m"));
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("&Cancel import"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelButton->setAccessibleName(tr("Cancel the import; nothing is written"));
    m_cancelButton->setAutoDefault(false);
    m_cancelButton->hide();
    // Below the summary, above the report table.
    const int summaryAt = m_ui->dialogLayout->indexOf(m_ui->summaryLabel);
    m_ui->dialogLayout->insertWidget(summaryAt + 1, m_progress);
    m_ui->dialogLayout->insertWidget(summaryAt + 2, m_cancelButton, 0, Qt::AlignRight);

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
    connect(m_cancelButton, &QPushButton::clicked, this, &MemberImportDialog::cancelImport);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    m_ui->fileField->setFocus();
}

MemberImportDialog::~MemberImportDialog()
{
    // No task may outlive the dialog it reports to; a running import is abandoned, nothing written.
    if (m_run)
        m_run->cancelled = true;
    m_pool.waitForDone();
    m_report.wipePasswords();
}

void MemberImportDialog::reject()
{
    cancelImport();
    QDialog::reject();
}

bool MemberImportDialog::dryRun()
{
    if (m_run)
        return false;
    m_ui->importButton->setEnabled(false);
    m_report.wipePasswords();
    m_ui->reportTable->setRowCount(0);
    QFile file(m_ui->fileField->text().trimmed());
    if (!file.open(QIODevice::ReadOnly)) {
        FieldProblem::show(m_ui->summaryLabel, tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()),
                           m_ui->fileField);
        return false;
    }
    // The file holds passwords: its bytes and text are wiped once the dry run has moved them into locked memory.
    QByteArray bytes = file.readAll();
    QString text = QString::fromUtf8(bytes);
    core::SecureBuffer::wipe(bytes);
    FieldProblem::clear(nullptr, m_ui->fileField);
    // Without the shows, levels and numbers already held the dry run would pass or fail rows wrongly: say why instead.
    QString readError;
    const std::optional<storage::MemberImportRepository::Lookups> lookups = m_repository->lookups(&readError);
    if (!lookups) {
        core::SecureBuffer::wipe(text);
        m_report = {};
        FieldProblem::show(m_ui->summaryLabel,
                           tr("The shows, benefit levels and memberships could not be read: %1").arg(readError));
        return false;
    }
    m_report = core::MemberImport::dryRun(text, lookups->showIds, lookups->levelIds, lookups->membershipNumbers);
    core::SecureBuffer::wipe(text);
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
    if (m_run || !m_report.canImport())
        return false;
    auto run = std::make_shared<HashRun>();
    for (qsizetype i = 0; i < m_report.members.size(); ++i)
        if (m_report.members.at(i).hasPassword())
            run->members.push_back(i);
    if (run->members.empty())
        return commit({});
    run->hashes.resize(run->members.size());
    m_run = run;
    setImporting(true);
    m_progress->setRange(0, int(run->members.size()));
    m_progress->setValue(0);
    m_ui->summaryLabel->setStyleSheet(QString());
    m_ui->summaryLabel->setText(
        tr("Protecting %n password(s) before the import; nothing is written yet.", nullptr, int(run->members.size())));
    for (size_t slot = 0; slot < run->members.size(); ++slot) {
        // The task shares the locked buffer (no copy of the password) and the run; it touches only its own slot.
        std::shared_ptr<core::SecureBuffer> password = m_report.members.at(run->members[slot]).password;
        m_pool.start([this, run, slot, password, hasher = m_hasher] {
            if (!run->cancelled) {
                run->hashes[slot] = hasher(*password);
                if (run->hashes[slot].isEmpty()) {
                    ++run->failed;
                    run->cancelled = true; // one failure refuses the whole import: do not hash the rest
                }
            }
            QMetaObject::invokeMethod(
                this, [this, run] { hashDone(run); }, Qt::QueuedConnection);
        });
    }
    return true;
}

void MemberImportDialog::cancelImport()
{
    if (!m_run || m_run->cancelled)
        return;
    m_run->cancelledByUser = true;
    m_run->cancelled = true;
    m_cancelButton->setEnabled(false);
    m_ui->summaryLabel->setText(tr("Cancelling: waiting for the passwords being protected now..."));
}

void MemberImportDialog::hashDone(const std::shared_ptr<HashRun>& run)
{
    if (run != m_run)
        return;
    ++run->finished;
    m_progress->setValue(run->finished);
    if (run->finished == int(run->members.size()))
        finishHashing();
}

void MemberImportDialog::finishHashing()
{
    const std::shared_ptr<HashRun> run = std::exchange(m_run, nullptr);
    setImporting(false);
    if (run->failed > 0) {
        // Passwords stay (locked) for a retry: importing these members without them would mail them to set one.
        FieldProblem::show(m_ui->summaryLabel,
                           tr("Nothing imported: a password could not be protected (Argon2id needs 64 MiB per "
                              "password and could not have it). No member was written; close other programs and "
                              "choose Import all again."));
        m_ui->importButton->setEnabled(m_report.canImport());
        emit importFinished(false);
        return;
    }
    if (run->cancelledByUser) {
        m_report.wipePasswords();
        m_report = {};
        FieldProblem::show(m_ui->summaryLabel,
                           tr("Import cancelled; nothing was written. Run the dry run again to import."));
        m_ui->importButton->setEnabled(false);
        emit importFinished(false);
        return;
    }
    QHash<QString, QString> hashes;
    for (size_t slot = 0; slot < run->members.size(); ++slot)
        hashes.insert(m_report.members.at(run->members[slot]).membershipNumber, run->hashes[slot]);
    commit(hashes);
}

bool MemberImportDialog::commit(const QHash<QString, QString>& hashes)
{
    int emails = 0;
    QString error;
    const bool ok = m_repository->import(m_report, hashes, m_actorId, &emails, &error);
    // Committed or refused, the passwords have done their work.
    m_report.wipePasswords();
    m_ui->importButton->setEnabled(false);
    if (!ok) {
        m_report = {};
        FieldProblem::show(m_ui->summaryLabel, tr("Nothing imported: %1").arg(error));
        emit importFinished(false);
        return false;
    }
    m_ui->summaryLabel->setStyleSheet(QString());
    m_ui->summaryLabel->setText(tr("Imported %1 member(s); %2 will get an email to set their password.")
                                    .arg(m_report.members.size())
                                    .arg(emails));
    m_report = {};
    emit importFinished(true);
    return true;
}

void MemberImportDialog::setImporting(bool importing)
{
    m_progress->setVisible(importing);
    m_cancelButton->setVisible(importing);
    m_cancelButton->setEnabled(importing);
    m_ui->importButton->setEnabled(false);
    m_ui->dryRunButton->setEnabled(!importing);
    m_ui->browseButton->setEnabled(!importing);
    m_ui->fileField->setEnabled(!importing);
}

} // namespace foyer::gui
