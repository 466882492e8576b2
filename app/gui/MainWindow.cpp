#include "MainWindow.h"

#include "ui_MainWindow.h"

#include <QIcon>
#include <QLocale>

// Resources compiled into a static library must be registered by name; outside any namespace.
static void initFoyerResources()
{
    Q_INIT_RESOURCE(foyer);
}

namespace foyer::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    initFoyerResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/foyer.png")));
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    QFont valueFont = m_ui->patronCountValue->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.2);
    for (QLabel* value : {m_ui->patronCountValue, m_ui->schemaVersionValue, m_ui->encryptionValue})
        value->setFont(valueFont);
    setAccessibleName(tr("Foyer main window"));
}

MainWindow::~MainWindow() = default;

void MainWindow::showSummary(const DatabaseSummary& summary)
{
    const QLocale locale;
    m_ui->patronCountValue->setText(locale.toString(summary.patronCount));
    m_ui->schemaVersionValue->setText(locale.toString(summary.schemaVersion));
    m_ui->encryptionValue->setText(
        tr("SQLCipher (SQLite %1), key held in the system keychain").arg(summary.cipherVersion));
    m_ui->pathValue->setText(summary.path);
    m_ui->statusBar->showMessage(tr("Database open"));
}

} // namespace foyer::gui
