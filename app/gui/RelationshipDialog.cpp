#include "RelationshipDialog.h"

#include "PatronSearchModel.h"
#include "Relationship.h"
#include "ui_RelationshipDialog.h"

#include <QPushButton>

namespace foyer::gui {

RelationshipDialog::RelationshipDialog(storage::PatronSearchRepository* search, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::RelationshipDialog>())
    , m_model(new PatronSearchModel(search, this))
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->typeField->addItems(core::Relationship::types());
    m_ui->resultsView->setModel(m_model);
    m_ui->problemLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    // A refused search says why under the results, never an empty list that reads as "nobody matches".
    connect(m_model, &PatronSearchModel::searchFailed, this, &RelationshipDialog::showProblem);
    connect(m_ui->searchField, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_model->setQuery(text);
        if (m_model->error().isEmpty())
            m_ui->problemLabel->hide();
        if (m_model->rowCount() > 0)
            m_ui->resultsView->selectRow(0);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        if (otherPatronId().isEmpty()) {
            showProblem(tr("Find and select the other patron."));
            m_ui->searchField->setFocus();
            return;
        }
        emit saveRequested();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->searchField->setFocus();
}

RelationshipDialog::~RelationshipDialog() = default;

QString RelationshipDialog::type() const
{
    return m_ui->typeField->currentText().trimmed();
}

QString RelationshipDialog::otherPatronId() const
{
    const QModelIndex current = m_ui->resultsView->currentIndex();
    return current.isValid() ? m_model->patronIdAt(current.row()) : QString();
}

void RelationshipDialog::showProblem(const QString& message)
{
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setStyleSheet(QStringLiteral("color: #a40000;"));
    m_ui->problemLabel->show();
}

} // namespace foyer::gui
