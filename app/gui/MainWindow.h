#pragma once

#include "DatabaseSummary.h"

#include <QMainWindow>
#include <memory>

namespace Ui {
class MainWindow;
}

namespace foyer::gui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void showSummary(const DatabaseSummary& summary);

private:
    std::unique_ptr<Ui::MainWindow> m_ui;
};

} // namespace foyer::gui
