<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
  <context>
    <name>DockTabs</name>
    <message>
      <source>Modules</source>
      <translation>Модули</translation>
    </message>
    <message>
      <source>Properties</source>
      <translation>Свойства</translation>
    </message>
    <message>
      <source>Totals</source>
      <translation>Итоги</translation>
    </message>
    <message>
      <source>Orbit</source>
      <translation>Орбита</translation>
    </message>
    <message>
      <source>Map</source>
      <translation>Карта</translation>
    </message>
    <message>
      <source>Ports</source>
      <translation>Порты</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Файл</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Правка</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Вид</translation>
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation>&amp;Этапы</translation>
    </message>
    <message>
      <source>&amp;Orbit</source>
      <translation>&amp;Орбита</translation>
    </message>
    <message>
      <source>To&amp;urs</source>
      <translation>Э&amp;кскурсии</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Справка</translation>
    </message>
    <message>
      <source>&amp;Open plan file...</source>
      <translation>&amp;Открыть файл плана...</translation>
    </message>
    <message>
      <source>Open a plan file (TOML) of your own</source>
      <translation>Открыть собственный файл плана (TOML)</translation>
    </message>
    <message>
      <source>&amp;Compare plans...</source>
      <translation>&amp;Сравнить планы...</translation>
    </message>
    <message>
      <source>Two plans side by side at the same scale</source>
      <translation>Два плана рядом в одном масштабе</translation>
    </message>
    <message>
      <source>&amp;Import model for module...</source>
      <translation>&amp;Импорт модели для модуля...</translation>
    </message>
    <message>
      <source>Replace the selected module's mesh with a model file (glTF/GLB, OBJ, STL, PLY)</source>
      <translation>Заменить модель выбранного модуля файлом (glTF/GLB, OBJ, STL, PLY)</translation>
    </message>
    <message>
      <source>Add &amp;reference model...</source>
      <translation>&amp;Добавить модель для сравнения...</translation>
    </message>
    <message>
      <source>Put a model beside the station at true scale (not counted in totals)</source>
      <translation>Поставить модель рядом со станцией в натуральную величину (не входит в итоги)</translation>
    </message>
    <message>
      <source>Reset to &amp;built-in mesh</source>
      <translation>Вернуть встроенную &amp;модель</translation>
    </message>
    <message>
      <source>Draw the selected module with its built-in mesh again</source>
      <translation>Снова рисовать выбранный модуль встроенной моделью</translation>
    </message>
    <message>
      <source>Quick &amp;screenshot</source>
      <translation>&amp;Быстрый снимок</translation>
    </message>
    <message>
      <source>Save the view as a PNG in the last export folder</source>
      <translation>Сохранить вид как PNG в последнюю папку экспорта</translation>
    </message>
    <message>
      <source>&amp;Export...</source>
      <translation>&amp;Экспорт...</translation>
    </message>
    <message>
      <source>Pictures at any size, every phase, animations, the 3D scene</source>
      <translation>Изображения любого размера, все этапы, анимация, 3D-сцена</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Выход</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Отменить</translation>
    </message>
    <message>
      <source>Undo the last change of visibility, imported models, reference models or camera</source>
      <translation>Отменить последнее изменение видимости, импортированных моделей, моделей для сравнения или камеры</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Повторить</translation>
    </message>
    <message>
      <source>&amp;Back to the previous phase</source>
      <translation>&amp;Назад к прежнему этапу</translation>
    </message>
    <message>
      <source>After the app jumped to a module's phase, go back where you were</source>
      <translation>Вернуться туда, где вы были, после перехода к этапу модуля</translation>
    </message>
    <message>
      <source>&amp;Solid</source>
      <translation>Спло&amp;шной</translation>
    </message>
    <message>
      <source>&amp;Wireframe overlay</source>
      <translation>&amp;Каркас поверх</translation>
    </message>
    <message>
      <source>&amp;X-ray</source>
      <translation>&amp;Рентген</translation>
    </message>
    <message>
      <source>Module &amp;labels</source>
      <translation>&amp;Подписи модулей</translation>
    </message>
    <message>
      <source>&amp;Anti-aliasing (4x MSAA)</source>
      <translation>Сгла&amp;живание (4x MSAA)</translation>
    </message>
    <message>
      <source>Smoother edges; costs 2-2.5x per frame on a software renderer</source>
      <translation>Более гладкие края; при программной отрисовке кадр в 2–2,5 раза дольше</translation>
    </message>
    <message>
      <source>Sun s&amp;hadows and ambient occlusion</source>
      <translation>&amp;Тени от Солнца и затенение</translation>
    </message>
    <message>
      <source>Off: faster frames on a slow computer; exported pictures keep them</source>
      <translation>Выключите для более быстрой картинки на медленном компьютере; в экспортируемых изображениях они остаются</translation>
    </message>
    <message>
      <source>Doc&amp;king animations</source>
      <translation>&amp;Анимация стыковки</translation>
    </message>
    <message>
      <source>Fly modules in when stepping phase by phase</source>
      <translation>Модули подлетают при пошаговом переходе между этапами</translation>
    </message>
    <message>
      <source>&amp;Presentation mode</source>
      <translation>Р&amp;ежим показа</translation>
    </message>
    <message>
      <source>The view full screen with the timeline and a caption; F11 or Esc leaves it</source>
      <translation>Вид на весь экран со шкалой этапов и подписью; F11 или Esc — выход</translation>
    </message>
    <message>
      <source>&amp;Fit all</source>
      <translation>Вся стан&amp;ция</translation>
    </message>
    <message>
      <source>Fit s&amp;elected</source>
      <translation>Выбранный мо&amp;дуль</translation>
    </message>
    <message>
      <source>F&amp;ront view</source>
      <translation>Вид &amp;спереди</translation>
    </message>
    <message>
      <source>S&amp;ide view</source>
      <translation>Вид с&amp;боку</translation>
    </message>
    <message>
      <source>&amp;Top view</source>
      <translation>Вид с&amp;верху</translation>
    </message>
    <message>
      <source>Is&amp;o view (reset)</source>
      <translation>&amp;Изометрия (сброс)</translation>
    </message>
    <message>
      <source>F&amp;irst phase</source>
      <translation>П&amp;ервый этап</translation>
    </message>
    <message>
      <source>P&amp;revious phase</source>
      <translation>П&amp;редыдущий этап</translation>
    </message>
    <message>
      <source>&amp;Play assembly</source>
      <translation>&amp;Показать сборку</translation>
    </message>
    <message>
      <source>Step through every phase</source>
      <translation>Пройти все этапы по очереди</translation>
    </message>
    <message>
      <source>&amp;Next phase</source>
      <translation>&amp;Следующий этап</translation>
    </message>
    <message>
      <source>&amp;Last phase</source>
      <translation>П&amp;оследний этап</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
      <source>&amp;About ROSS Explorer</source>
      <translation>&amp;О программе ROSS Explorer</translation>
    </message>
    <message>
      <source>&amp;Pause</source>
      <translation>&amp;Пауза</translation>
    </message>
    <message>
      <source>Camera files (*.camera.json);;JSON files (*.json)</source>
      <translation>Файлы камеры (*.camera.json);;Файлы JSON (*.json)</translation>
    </message>
    <message>
      <source>Save &amp;camera...</source>
      <translation>Со&amp;хранить камеру...</translation>
    </message>
    <message>
      <source>Save the view's camera to a file; export --camera FILE renders from it</source>
      <translation>Сохранить камеру вида в файл; export --camera ФАЙЛ рисует с неё</translation>
    </message>
    <message>
      <source>Load sa&amp;ved camera...</source>
      <translation>За&amp;грузить камеру...</translation>
    </message>
    <message>
      <source>Move the view's camera to one saved in a file</source>
      <translation>Поставить камеру вида так, как она сохранена в файле</translation>
    </message>
    <message>
      <source>Save camera</source>
      <translation>Сохранить камеру</translation>
    </message>
    <message>
      <source>Load camera</source>
      <translation>Загрузить камеру</translation>
    </message>
    <message>
      <source>The camera could not be saved</source>
      <translation>Не удалось сохранить камеру</translation>
    </message>
    <message>
      <source>Camera saved to</source>
      <translation>Камера сохранена в</translation>
    </message>
    <message>
      <source>The camera could not be loaded</source>
      <translation>Не удалось загрузить камеру</translation>
    </message>
    <message>
      <source>Camera loaded from</source>
      <translation>Камера загружена из</translation>
    </message>
    <message>
      <source>Show all modules</source>
      <translation>Показать все модули</translation>
    </message>
    <message>
      <source>Reference models</source>
      <translation>Модели для сравнения</translation>
    </message>
    <message>
      <source>Move or rescale...</source>
      <translation>Переместить или масштабировать...</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Удалить</translation>
    </message>
    <message>
      <source>&amp;Hide {0}</source>
      <translation>&amp;Скрыть {0}</translation>
    </message>
    <message>
      <source>Hide</source>
      <translation>Скрыть</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Показать</translation>
    </message>
    <message>
      <source>visibility</source>
      <translation>видимость</translation>
    </message>
    <message>
      <source>imported model</source>
      <translation>импортированная модель</translation>
    </message>
    <message>
      <source>reference models</source>
      <translation>модели для сравнения</translation>
    </message>
    <message>
      <source>camera</source>
      <translation>камера</translation>
    </message>
    <message>
      <source>Jumped to phase {0}, when {1} arrives. Alt+Left goes back to phase {2}.</source>
      <translation>Переход к этапу {0}, когда прибывает {1}. Alt+Влево — назад к этапу {2}.</translation>
    </message>
    <message>
      <source>Main toolbar</source>
      <translation>Основная панель</translation>
    </message>
    <message>
      <source>Open plan file</source>
      <translation>Открыть файл плана</translation>
    </message>
    <message>
      <source>Station plans (*.toml);;All files (*)</source>
      <translation>Планы станций (*.toml);;Все файлы (*)</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Сочетания клавиш</translation>
    </message>
    <message>
      <source>About ROSS Explorer</source>
      <translation>О программе ROSS Explorer</translation>
    </message>
    <message>
      <source>Plan:</source>
      <translation>План:</translation>
    </message>
    <message>
      <source>The plan file could not be opened</source>
      <translation>Не удалось открыть файл плана</translation>
    </message>
    <message>
      <source>Modules</source>
      <translation>Модули</translation>
    </message>
    <message>
      <source>Properties</source>
      <translation>Свойства</translation>
    </message>
    <message>
      <source>Station totals</source>
      <translation>Итоги по станции</translation>
    </message>
    <message>
      <source>Orbit view</source>
      <translation>Орбита</translation>
    </message>
    <message>
      <source>Orbit map</source>
      <translation>Карта орбиты</translation>
    </message>
    <message>
      <source>Show the &amp;orbit view</source>
      <translation>&amp;Показать орбиту</translation>
    </message>
    <message>
      <source>The plan's orbit on a globe: ring, station, Sun, ground track and the coverage band</source>
      <translation>Орбита плана на глобусе: кольцо орбиты, станция, Солнце, трасса и полоса охвата</translation>
    </message>
    <message>
      <source>Show the orbit &amp;map and numbers</source>
      <translation>Показать &amp;карту и числа орбиты</translation>
    </message>
    <message>
      <source>A day of ground track on a world map, the coverage of Russia and the orbit's numbers with their method</source>
      <translation>Трасса за сутки на карте мира, охват России и числа орбиты с методом их расчёта</translation>
    </message>
    <message>
      <source>&amp;Play the orbit</source>
      <translation>&amp;Запустить орбиту</translation>
    </message>
    <message>
      <source>Run the orbit's clock</source>
      <translation>Запустить часы орбиты</translation>
    </message>
    <message>
      <source>&amp;Sun from orbit</source>
      <translation>&amp;Солнце с орбиты</translation>
    </message>
    <message>
      <source>Light the station as the Sun does at the orbit position shown: the Earth's glow from below, darkness in eclipse</source>
      <translation>Освещать станцию так, как её освещает Солнце в показанной точке орбиты: свет Земли снизу, темнота в тени Земли</translation>
    </message>
    <message>
      <source>&amp;Export orbit picture...</source>
      <translation>&amp;Экспорт изображения орбиты...</translation>
    </message>
    <message>
      <source>The globe or the map as a picture</source>
      <translation>Глобус или карта в виде изображения</translation>
    </message>
    <message>
      <source>&amp;Pause the orbit</source>
      <translation>&amp;Остановить орбиту</translation>
    </message>
    <message>
      <source>Scale &amp;bar</source>
      <translation>Масштабная &amp;линейка</translation>
    </message>
    <message>
      <source>A bar of a round length in metres at the depth the view turns about</source>
      <translation>Отрезок круглой длины в метрах на глубине, вокруг которой вращается вид</translation>
    </message>
    <message>
      <source>&amp;Measure distance</source>
      <translation>Из&amp;мерить расстояние</translation>
    </message>
    <message>
      <source>Click two points on the station to measure the distance between them; Esc leaves</source>
      <translation>Щёлкните две точки на станции, чтобы измерить расстояние между ними; Esc — выход</translation>
    </message>
    <message>
      <source>Cop&amp;y measured distance</source>
      <translation>Ск&amp;опировать измеренное расстояние</translation>
    </message>
    <message>
      <source>&amp;Dimensions of the selected module</source>
      <translation>Ра&amp;змеры выбранного модуля</translation>
    </message>
    <message>
      <source>Length and diameter drawn on the selected module, with their confidence</source>
      <translation>Длина и диаметр на выбранном модуле, с их достоверностью</translation>
    </message>
    <message>
      <source>Person for scale (1.8 m)</source>
      <translation>&amp;Человек для масштаба (1,8 м)</translation>
    </message>
    <message>
      <source>A 1.8 m astronaut beside the station, also in exports</source>
      <translation>Космонавт ростом 1,8 м рядом со станцией, также при экспорте</translation>
    </message>
    <message>
      <source>ISS o&amp;utline at the same scale</source>
      <translation>Сил&amp;уэт МКС в том же масштабе</translation>
    </message>
    <message>
      <source>The International Space Station beside the station at true scale, also in exports</source>
      <translation>Международная космическая станция рядом со станцией в истинном масштабе, также при экспорте</translation>
    </message>
    <message>
      <source>concept</source>
      <translation>концепция</translation>
    </message>
    <message>
      <source>official</source>
      <translation>официальный</translation>
    </message>
    <message>
      <source>superseded</source>
      <translation>устаревший</translation>
    </message>
    <message>
      <source>current</source>
      <translation>действующий</translation>
    </message>
    <message>
      <source>historical</source>
      <translation>исторический</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Этап</translation>
    </message>
    <message>
      <source>added</source>
      <translation>добавлено</translation>
    </message>
    <message>
      <source>moved</source>
      <translation>перестыковано</translation>
    </message>
    <message>
      <source>removed</source>
      <translation>убрано</translation>
    </message>
    <message>
      <source>phase</source>
      <translation>этап</translation>
    </message>
    <message numerus="yes">
      <source>%n module(s)</source>
      <translation>
        <numerusform>%n модуль</numerusform>
        <numerusform>%n модуля</numerusform>
        <numerusform>%n модулей</numerusform>
      </translation>
    </message>
    <message>
      <source>mass</source>
      <translation>масса</translation>
    </message>
    <message>
      <source>Shift+F frames it, Esc clears.</source>
      <translation>Shift+F — показать крупно, Esc — снять выделение.</translation>
    </message>
    <message>
      <source>Click a module to select it; drag to orbit, right-drag to pan, wheel to zoom, F to fit, Space to play the assembly.</source>
      <translation>Щёлкните модуль, чтобы выбрать его; перетаскивание — вращение, правой кнопкой — сдвиг, колесо — масштаб, F — вся станция, пробел — показ сборки.</translation>
    </message>
    <message>
      <source>Selected</source>
      <translation>Выбрано</translation>
    </message>
    <message>
      <source>Interpretation</source>
      <translation>Интерпретация</translation>
    </message>
    <message>
      <source>&amp;Built-in tours</source>
      <translation>&amp;Встроенные экскурсии</translation>
    </message>
    <message>
      <source>Open tour file</source>
      <translation>Открыть файл экскурсии</translation>
    </message>
    <message>
      <source>Tours (*.tour.json *.json);;All files (*)</source>
      <translation>Экскурсии (*.tour.json *.json);;Все файлы (*)</translation>
    </message>
    <message>
      <source>The tour file could not be opened</source>
      <translation>Не удалось открыть файл экскурсии</translation>
    </message>
    <message>
      <source>{0} ({1} s)</source>
      <translation>{0} ({1} с)</translation>
    </message>
    <message>
      <source>&amp;Play tour</source>
      <translation>&amp;Запустить экскурсию</translation>
    </message>
    <message>
      <source>Play the chosen tour; pause it</source>
      <translation>Запустить выбранную экскурсию или поставить её на паузу</translation>
    </message>
    <message>
      <source>Pre&amp;vious step</source>
      <translation>П&amp;редыдущий шаг</translation>
    </message>
    <message>
      <source>&amp;Next step</source>
      <translation>С&amp;ледующий шаг</translation>
    </message>
    <message>
      <source>&amp;Leave the tour</source>
      <translation>Выйти &amp;из экскурсии</translation>
    </message>
    <message>
      <source>Stop the tour and go back to where you were</source>
      <translation>Остановить экскурсию и вернуться туда, где вы были</translation>
    </message>
    <message>
      <source>&amp;Open tour file...</source>
      <translation>&amp;Открыть файл экскурсии...</translation>
    </message>
    <message>
      <source>Play a tour file (*.tour.json)</source>
      <translation>Воспроизвести файл экскурсии (*.tour.json)</translation>
    </message>
    <message>
      <source>Tour &amp;editor...</source>
      <translation>Ре&amp;дактор экскурсий...</translation>
    </message>
    <message>
      <source>Record views, write captions, reorder steps, save tour files</source>
      <translation>Записать виды, написать подписи, переставить шаги, сохранить файлы экскурсий</translation>
    </message>
    <message>
      <source>E&amp;xport tour video...</source>
      <translation>&amp;Экспорт видео экскурсии...</translation>
    </message>
    <message>
      <source>The tour as an MP4 or GIF with a WebVTT caption file</source>
      <translation>Экскурсия в виде MP4 или GIF с файлом субтитров WebVTT</translation>
    </message>
    <message>
      <source>&amp;Pause tour</source>
      <translation>&amp;Пауза экскурсии</translation>
    </message>
    <message>
      <source>Pa&amp;nels</source>
      <translation>Па&amp;нели</translation>
    </message>
    <message>
      <source>Lan&amp;guage</source>
      <translation>&amp;Язык</translation>
    </message>
    <message>
      <source>System default</source>
      <translation>Как в системе</translation>
    </message>
    <message>
      <source>Unreadable settings were reset: {0}</source>
      <translation>Сброшены нечитаемые настройки: {0}</translation>
    </message>
    <message>
      <source>Settings are kept for this run only: {0}</source>
      <translation>Настройки хранятся только до выхода: {0}</translation>
    </message>
  </context>
  <context>
    <name>compare</name>
    <message>
      <source>Stations</source>
      <translation>Станции</translation>
    </message>
    <message>
      <source>Orbits</source>
      <translation>Орбиты</translation>
    </message>
    <message>
      <source>Compare plans — ROSS Explorer</source>
      <translation>Сравнение планов — ROSS Explorer</translation>
    </message>
    <message>
      <source>Both views use the same camera distance ({0:.0f} m) and angle: sizes compare directly.</source>
      <translation>Оба вида сняты с одного расстояния ({0:.0f} м) и под одним углом: размеры сравнимы напрямую.</translation>
    </message>
    <message>
      <source>phase</source>
      <translation>этап</translation>
    </message>
    <message>
      <source>date</source>
      <translation>дата</translation>
    </message>
    <message>
      <source>Modules</source>
      <translation>Модули</translation>
    </message>
  </context>
  <context>
    <name>export</name>
    <message>
      <source>Export cancelled; nothing was kept.</source>
      <translation>Экспорт отменён; ничего не сохранено.</translation>
    </message>
    <message>
      <source>The screenshot could not be saved</source>
      <translation>Не удалось сохранить снимок</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>Сохранено</translation>
    </message>
    <message>
      <source>Exporting {0}...</source>
      <translation>Экспорт {0}...</translation>
    </message>
    <message>
      <source>The export failed</source>
      <translation>Экспорт не удался</translation>
    </message>
    <message>
      <source>Exported</source>
      <translation>Экспортировано</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Экспорт</translation>
    </message>
    <message>
      <source>Picture of the current phase</source>
      <translation>Изображение текущего этапа</translation>
    </message>
    <message>
      <source>Every phase (numbered pictures)</source>
      <translation>Все этапы (пронумерованные изображения)</translation>
    </message>
    <message>
      <source>Assembly animation (GIF)</source>
      <translation>Анимация сборки (GIF)</translation>
    </message>
    <message>
      <source>Assembly video (MP4)</source>
      <translation>Видео сборки (MP4)</translation>
    </message>
    <message>
      <source>3D scene: glTF binary (GLB)</source>
      <translation>3D-сцена: glTF (GLB)</translation>
    </message>
    <message>
      <source>3D scene: OBJ + MTL</source>
      <translation>3D-сцена: OBJ + MTL</translation>
    </message>
    <message>
      <source>3D scene: STL</source>
      <translation>3D-сцена: STL</translation>
    </message>
    <message>
      <source>Window size</source>
      <translation>Размер окна</translation>
    </message>
    <message>
      <source>Caption: plan, phase, date and sources</source>
      <translation>Подпись: план, этап, дата и источники</translation>
    </message>
    <message>
      <source>Export to</source>
      <translation>Экспортировать в</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Отмена</translation>
    </message>
    <message>
      <source>As in the view</source>
      <translation>Как на экране</translation>
    </message>
    <message>
      <source>Fit the station (iso)</source>
      <translation>Вся станция (изометрия)</translation>
    </message>
    <message>
      <source>Front view</source>
      <translation>Вид спереди</translation>
    </message>
    <message>
      <source>Side view</source>
      <translation>Вид сбоку</translation>
    </message>
    <message>
      <source>Top view</source>
      <translation>Вид сверху</translation>
    </message>
    <message>
      <source>Saved camera file</source>
      <translation>Файл сохранённой камеры</translation>
    </message>
    <message>
      <source>a camera saved with View &gt; Save camera</source>
      <translation>камера, сохранённая командой Вид &gt; Сохранить камеру</translation>
    </message>
    <message>
      <source>Choose...</source>
      <translation>Выбрать...</translation>
    </message>
    <message>
      <source>Angles</source>
      <translation>Углы</translation>
    </message>
    <message>
      <source>framed</source>
      <translation>по размеру кадра</translation>
    </message>
    <message>
      <source>Whole station</source>
      <translation>Вся станция</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>Камера</translation>
    </message>
    <message>
      <source>Zoom</source>
      <translation>Приближение</translation>
    </message>
    <message>
      <source>Frame</source>
      <translation>В кадре</translation>
    </message>
    <message>
      <source>Sky</source>
      <translation>Небо</translation>
    </message>
    <message>
      <source>Plain colour</source>
      <translation>Сплошной цвет</translation>
    </message>
    <message>
      <source>Earth below</source>
      <translation>Земля внизу</translation>
    </message>
    <message>
      <source>The Earth's limb and its thin atmosphere below the station</source>
      <translation>Край земного диска и тонкая атмосфера под станцией</translation>
    </message>
    <message>
      <source>Background</source>
      <translation>Фон</translation>
    </message>
    <message>
      <source>Standard</source>
      <translation>Обычное</translation>
    </message>
    <message>
      <source>Press still</source>
      <translation>Для печати</translation>
    </message>
    <message>
      <source>Press still: finer, softer Sun shadows for print; slower to render</source>
      <translation>Для печати: более точные и мягкие тени от Солнца; рисуется дольше</translation>
    </message>
    <message>
      <source>Quality</source>
      <translation>Качество</translation>
    </message>
    <message>
      <source>Display</source>
      <translation>Отображение</translation>
    </message>
    <message>
      <source>Module labels</source>
      <translation>Подписи модулей</translation>
    </message>
    <message>
      <source>Scale bar</source>
      <translation>Масштабная линейка</translation>
    </message>
    <message>
      <source>module ids, separated by commas</source>
      <translation>идентификаторы модулей через запятую</translation>
    </message>
    <message>
      <source>Highlight</source>
      <translation>Выделить</translation>
    </message>
    <message>
      <source> frames/s</source>
      <translation> кадр/с</translation>
    </message>
    <message>
      <source> s per phase</source>
      <translation> с на этап</translation>
    </message>
    <message>
      <source> s per docking</source>
      <translation> с на стыковку</translation>
    </message>
    <message>
      <source>Animation</source>
      <translation>Анимация</translation>
    </message>
    <message>
      <source>Camera file</source>
      <translation>Файл камеры</translation>
    </message>
    <message>
      <source>Camera files (*.camera.json *.json)</source>
      <translation>Файлы камеры (*.camera.json *.json)</translation>
    </message>
    <message>
      <source>Solid</source>
      <translation>Сплошной</translation>
    </message>
    <message>
      <source>Wireframe overlay</source>
      <translation>Каркас поверх</translation>
    </message>
    <message>
      <source>X-ray</source>
      <translation>Рентген</translation>
    </message>
    <message>
      <source>Choose a camera file, or another camera.</source>
      <translation>Выберите файл камеры или другую камеру.</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>Свой</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Размер</translation>
    </message>
    <message>
      <source>Supersampling</source>
      <translation>Суперсэмплинг</translation>
    </message>
    <message>
      <source>Picture format</source>
      <translation>Формат изображения</translation>
    </message>
    <message>
      <source>Transparent background</source>
      <translation>Прозрачный фон</translation>
    </message>
    <message>
      <source>off</source>
      <translation>выкл.</translation>
    </message>
    <message>
      <source>2x (4 samples per pixel)</source>
      <translation>2x (4 отсчёта на пиксель)</translation>
    </message>
    <message>
      <source>4x (16 samples per pixel)</source>
      <translation>4x (16 отсчётов на пиксель)</translation>
    </message>
    <message>
      <source>{0} × {1} px; needs about {2} MB of memory ({3} GB free).</source>
      <translation>{0} × {1} пикс.; нужно около {2} МБ памяти (свободно {3} ГБ).</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Файл</translation>
    </message>
  </context>
  <context>
    <name>help</name>
    <message>
      <source>See how the planned Russian Orbital Station (ROS, earlier ROSS) is meant to come together, module by module, with every figure tied to its sources.</source>
      <translation>Как должна собираться планируемая Российская орбитальная станция (РОС, ранее РОСС) — модуль за модулем, и у каждой цифры есть источник.</translation>
    </message>
    <message>
      <source>the plans are compiled from public reports; each plan lists its sources with outlet, date and address, and each figure names the sources it comes from and how sure they are. Layouts that no source gives are marked as interpretation.</source>
      <translation>планы составлены по открытым публикациям; в каждом плане перечислены источники с изданием, датой и адресом, а у каждой величины указаны её источники и степень уверенности. Компоновки, которых нет ни в одном источнике, помечены как интерпретация.</translation>
    </message>
    <message>
      <source>ROSS Explorer is MIT-licensed. It uses Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT), PyOpenGL (BSD), NumPy and SciPy (BSD), trimesh (MIT), psygnal (BSD), Pillow (MIT-CMU), imageio-ffmpeg (BSD; its ffmpeg binary is LGPL/GPL) and DracoPy (Apache 2.0). Exported web pages carry three.js (MIT). Country outlines: Natural Earth (public domain); Earth images: NASA Blue Marble and City Lights (public domain).</source>
      <translation>ROSS Explorer распространяется по лицензии MIT. Программа использует Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT), PyOpenGL (BSD), NumPy и SciPy (BSD), trimesh (MIT), psygnal (BSD), Pillow (MIT-CMU), imageio-ffmpeg (BSD; его программа ffmpeg — LGPL/GPL) и DracoPy (Apache 2.0). Экспортированные веб-страницы содержат three.js (MIT). Контуры стран: Natural Earth (общественное достояние); снимки Земли: NASA Blue Marble и City Lights (общественное достояние).</translation>
    </message>
    <message>
      <source>View</source>
      <translation>Вид</translation>
    </message>
    <message>
      <source>User guide (README)</source>
      <translation>Руководство (README)</translation>
    </message>
    <message>
      <source>Plan file format</source>
      <translation>Формат файла плана</translation>
    </message>
    <message>
      <source>Tour file format</source>
      <translation>Формат файла экскурсии</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Сочетания клавиш</translation>
    </message>
    <message>
      <source>Licences</source>
      <translation>Лицензии</translation>
    </message>
    <message>
      <source>left-drag</source>
      <translation>перетаскивание левой кнопкой</translation>
    </message>
    <message>
      <source>orbit</source>
      <translation>вращение вокруг станции</translation>
    </message>
    <message>
      <source>right-drag, middle-drag or Shift+drag</source>
      <translation>перетаскивание правой или средней кнопкой, либо с Shift</translation>
    </message>
    <message>
      <source>pan</source>
      <translation>сдвиг</translation>
    </message>
    <message>
      <source>wheel</source>
      <translation>колесо мыши</translation>
    </message>
    <message>
      <source>zoom towards the cursor</source>
      <translation>приближение к курсору</translation>
    </message>
    <message>
      <source>click</source>
      <translation>щелчок</translation>
    </message>
    <message>
      <source>select the module under the cursor</source>
      <translation>выбрать модуль под курсором</translation>
    </message>
    <message>
      <source>clear the selection</source>
      <translation>снять выделение</translation>
    </message>
    <message>
      <source>zoom in / out</source>
      <translation>приблизить / отдалить</translation>
    </message>
    <message>
      <source>click or drag on the timeline</source>
      <translation>щелчок или перетаскивание по шкале</translation>
    </message>
    <message>
      <source>jump to a phase</source>
      <translation>перейти к этапу</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>Данные</translation>
    </message>
    <message>
      <source>Newest date in the data</source>
      <translation>Самая поздняя дата в данных</translation>
    </message>
    <message>
      <source>sources cited</source>
      <translation>источников</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>План</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Название</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Дата</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Источники</translation>
    </message>
  </context>
  <context>
    <name>importing</name>
    <message>
      <source>Import model</source>
      <translation>Импорт модели</translation>
    </message>
    <message>
      <source>Select a module first (in the view or the list), or drop a file on it.</source>
      <translation>Сначала выберите модуль (на виде или в списке) или перетащите файл на него.</translation>
    </message>
    <message>
      <source>Built-in mesh restored.</source>
      <translation>Встроенная модель восстановлена.</translation>
    </message>
    <message>
      <source>Some saved imported-model records were unreadable and were reset.</source>
      <translation>Некоторые сохранённые записи об импортированных моделях не читались и были сброшены.</translation>
    </message>
    <message>
      <source>The model could not be imported</source>
      <translation>Не удалось импортировать модель</translation>
    </message>
    <message>
      <source>drawn with</source>
      <translation>нарисован моделью</translation>
    </message>
    <message>
      <source>triangles</source>
      <translation>треугольников</translation>
    </message>
    <message>
      <source>Imported models not found: {0}</source>
      <translation>Импортированные модели не найдены: {0}</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Отмена</translation>
    </message>
    <message>
      <source>Reading {0}...</source>
      <translation>Чтение {0}...</translation>
    </message>
    <message>
      <source>a reference object beside the station, at true scale</source>
      <translation>объект для сравнения рядом со станцией, в натуральную величину</translation>
    </message>
    <message>
      <source>Fit to the module's length and diameter</source>
      <translation>Вписать в длину и диаметр модуля</translation>
    </message>
    <message>
      <source>Keep the file's size, in</source>
      <translation>Размер из файла, в единицах</translation>
    </message>
    <message>
      <source>Scale by a factor (metres per file unit)</source>
      <translation>Масштаб множителем (метров на единицу файла)</translation>
    </message>
    <message>
      <source>Scale so that its length is</source>
      <translation>Масштаб по длине</translation>
    </message>
    <message>
      <source>Docking axis (becomes +X)</source>
      <translation>Стыковочная ось (станет +X)</translation>
    </message>
    <message>
      <source>Place {0}</source>
      <translation>Размещение {0}</translation>
    </message>
    <message>
      <source>replaces the built-in mesh of {0}</source>
      <translation>заменяет встроенную модель {0}</translation>
    </message>
    <message>
      <source>{0:,} triangles in {1} part(s); placed size {2} m (scale {3:.4g})</source>
      <translation>{0:,} треугольников в {1} частях; размер после размещения {2} м (масштаб {3:.4g})</translation>
    </message>
    <message>
      <source>{0} textured part(s)</source>
      <translation>частей с текстурами: {0}</translation>
    </message>
    <message>
      <source>model {0} axis</source>
      <translation>ось {0} модели</translation>
    </message>
    <message>
      <source>Not loaded: {0}</source>
      <translation>Не загружено: {0}</translation>
    </message>
    <message>
      <source>Position {0}</source>
      <translation>Положение {0}</translation>
    </message>
    <message>
      <source>Warning: {0}</source>
      <translation>Предупреждение: {0}</translation>
    </message>
  </context>
  <context>
    <name>orbit</name>
    <message>
      <source>Export orbit picture</source>
      <translation>Экспорт изображения орбиты</translation>
    </message>
    <message>
      <source>The globe at the time shown</source>
      <translation>Глобус в показанный момент</translation>
    </message>
    <message>
      <source>The world map with a day of ground track</source>
      <translation>Карта мира с трассой за сутки</translation>
    </message>
    <message>
      <source>Picture</source>
      <translation>Изображение</translation>
    </message>
    <message>
      <source>Orbit view size</source>
      <translation>Размер окна орбиты</translation>
    </message>
    <message>
      <source>Caption: plan, orbit, time and sources</source>
      <translation>Подпись: план, орбита, время и источники</translation>
    </message>
    <message>
      <source>As in the orbit view</source>
      <translation>Как в окне орбиты</translation>
    </message>
    <message>
      <source>The first view</source>
      <translation>Исходный вид</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>Камера</translation>
    </message>
    <message>
      <source>Export to</source>
      <translation>Экспортировать в</translation>
    </message>
    <message>
      <source>{0} px wide, half as high plus the legend</source>
      <translation>ширина {0} пикс., высота вдвое меньше плюс легенда</translation>
    </message>
    <message>
      <source>Exporting {0}...</source>
      <translation>Экспорт {0}...</translation>
    </message>
    <message>
      <source>Export cancelled; nothing was kept.</source>
      <translation>Экспорт отменён; ничего не сохранено.</translation>
    </message>
    <message>
      <source>The export failed</source>
      <translation>Экспорт не удался</translation>
    </message>
    <message>
      <source>Exported {0}</source>
      <translation>Экспортировано: {0}</translation>
    </message>
    <message>
      <source>longitude (°)</source>
      <translation>долгота (°)</translation>
    </message>
    <message>
      <source>latitude (°)</source>
      <translation>широта (°)</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Величина</translation>
    </message>
    <message>
      <source>overflown</source>
      <translation>пролёт над территорией</translation>
    </message>
    <message>
      <source>within {0} km</source>
      <translation>в пределах {0} км</translation>
    </message>
    <message>
      <source>{0}: |lat| ≤ {1}°, {2} % of Russia</source>
      <translation>{0}: |шир.| ≤ {1}°, {2} % площади России</translation>
    </message>
    <message>
      <source>24 h of ground track from {0} 00:00 UTC (first ascending node over 0°; the plans give no node). Red dot: the station at the time shown; dashed: day/night line.</source>
      <translation>Трасса за 24 ч с {0} 00:00 UTC (первый восходящий узел над 0°; в планах узел не указан). Красная точка: станция в показанный момент; пунктир: граница дня и ночи.</translation>
    </message>
    <message>
      <source>Outline: {0}</source>
      <translation>Контур: {0}</translation>
    </message>
    <message>
      <source>km</source>
      <translation>км</translation>
    </message>
    <message>
      <source>Inclination</source>
      <translation>Наклонение</translation>
    </message>
    <message>
      <source>Altitude</source>
      <translation>Высота</translation>
    </message>
    <message>
      <source>Period (node to node)</source>
      <translation>Период (от узла до узла)</translation>
    </message>
    <message>
      <source>Node drift</source>
      <translation>Дрейф узла</translation>
    </message>
    <message>
      <source>Highest latitude below</source>
      <translation>Наибольшая широта подспутниковой точки</translation>
    </message>
    <message>
      <source>Sun-synchronous inclination</source>
      <translation>Солнечно-синхронное наклонение</translation>
    </message>
    <message>
      <source>Russia overflown</source>
      <translation>Пролёт над Россией</translation>
    </message>
    <message>
      <source>Longest shadow per orbit</source>
      <translation>Наибольшая тень за виток</translation>
    </message>
    <message>
      <source>No shadow above beta</source>
      <translation>Без тени при бета более</translation>
    </message>
    <message>
      <source>Beta over the year</source>
      <translation>Бета за год</translation>
    </message>
    <message>
      <source>Circular orbit, radius = 6378.137 km (WGS 84 equatorial) + altitude; node and station drift at the first-order secular J2 rates (J2 = 1.08263e-3); period is node to node. Max latitude is the geodetic latitude of the point below the station at the orbit's top (inclination, or 180 - inclination if retrograde). Russia 'overflown' = the share of its area inside |lat| &lt;= max latitude, the band its ground tracks cross as the node drifts (a track itself has no width); 'within d km' = inside that band widened by d along the meridian. Areas on the WGS 84 ellipsoid (cylindrical equal-area projection, edges straight in lon/lat, densified to 0.1 degree). Outline: Natural Earth 4.1.0 admin 0, 1:50m, de facto borders (Crimea and the southern Kurils inside Russia). Beta = the Sun's angle to the orbit plane, Sun by Meeus (ch. 25); its range is over {0} to {1} for every node (the plans give no node). Shadow: a cylinder of the equatorial radius; the longest is at the smallest |beta| in that range; no shadow above the no-eclipse beta.</source>
      <translation>Круговая орбита, радиус = 6378,137 км (экваториальный радиус WGS 84) + высота; узел и станция смещаются с вековыми скоростями первого порядка от J2 (J2 = 1,08263e-3); период — от узла до узла. Наибольшая широта — геодезическая широта подспутниковой точки в высшей точке орбиты (наклонение или 180 − наклонение для обратной орбиты). «Пролёт над Россией» — доля её площади внутри |шир.| &lt;= наибольшей широты: полосы, которую пересекают трассы при дрейфе узла (сама трасса ширины не имеет); «в пределах d км» — внутри этой полосы, расширенной на d вдоль меридиана. Площади на эллипсоиде WGS 84 (цилиндрическая равновеликая проекция, рёбра прямые в долготе и широте, со сгущением до 0,1°). Контур: Natural Earth 4.1.0, admin 0, 1:50m, фактические границы (Крым и южные Курилы внутри России). Бета — угол Солнца к плоскости орбиты, Солнце по Meeus (гл. 25); её диапазон — с {0} по {1} для любого узла (в планах узел не указан). Тень — цилиндр экваториального радиуса; наибольшая — при наименьшем |бета| в этом диапазоне; при бета выше предельной тени нет.</translation>
    </message>
    <message>
      <source>°/day</source>
      <translation>°/сут</translation>
    </message>
    <message>
      <source> The plan gives no altitude: {0:g} km is assumed.</source>
      <translation> В плане нет высоты: принято {0:g} км.</translation>
    </message>
    <message>
      <source>min</source>
      <translation>мин</translation>
    </message>
    <message>
      <source>{0}° to {1}°</source>
      <translation>от {0}° до {1}°</translation>
    </message>
    <message>
      <source>Russia within {0} km</source>
      <translation>Россия в пределах {0} км</translation>
    </message>
    <message>
      <source>Turn with the Earth</source>
      <translation>Вращать вместе с Землёй</translation>
    </message>
    <message>
      <source>Keep the Earth still and let the orbit and the Sun turn round it</source>
      <translation>Земля неподвижна, орбита и Солнце вращаются вокруг неё</translation>
    </message>
    <message>
      <source>none</source>
      <translation>нет</translation>
    </message>
    <message>
      <source>in the Earth's shadow</source>
      <translation>в тени Земли</translation>
    </message>
    <message>
      <source>in sunlight</source>
      <translation>на солнце</translation>
    </message>
    <message>
      <source>Inclination {0}°, altitude {1} km, period {2} min</source>
      <translation>Наклонение {0}°, высота {1} км, период {2} мин</translation>
    </message>
    <message>
      <source>“{0}” states no orbit, so there is nothing to draw here. The orbit view shows the plans that give an inclination (the ROS plans).</source>
      <translation>В плане «{0}» орбита не указана, поэтому здесь нечего показать. Окно орбиты показывает планы, где задано наклонение (планы РОС).</translation>
    </message>
    <message>
      <source>Beta {0}° · {1} min in shadow per orbit · station {2}</source>
      <translation>Бета {0}° · {1} мин в тени за виток · станция {2}</translation>
    </message>
    <message>
      <source>(the plan gives no altitude: {0} km assumed)</source>
      <translation>(в плане нет высоты: принято {0} км)</translation>
    </message>
    <message>
      <source>Playing speed: real seconds per orbit</source>
      <translation>Скорость: секунд реального времени на виток</translation>
    </message>
    <message>
      <source>Time of day (UTC) shown; drag to scrub</source>
      <translation>Показанное время суток (UTC); перетащите, чтобы перемотать</translation>
    </message>
    <message>
      <source>Date (UTC): the Sun's place and the orbit's start</source>
      <translation>Дата (UTC): положение Солнца и начало орбиты</translation>
    </message>
    <message>
      <source>Pause the orbit</source>
      <translation>Остановить орбиту</translation>
    </message>
    <message>
      <source>Play the orbit</source>
      <translation>Запустить орбиту</translation>
    </message>
    <message>
      <source>1 orbit in {0:g} s</source>
      <translation>1 виток за {0:g} с</translation>
    </message>
  </context>
  <context>
    <name>overlays</name>
    <message>
      <source>drawing size</source>
      <translation>по рисунку</translation>
    </message>
    <message>
      <source>ISS at the same scale</source>
      <translation>МКС в том же масштабе</translation>
    </message>
    <message>
      <source>Person, {0}</source>
      <translation>Человек, {0}</translation>
    </message>
    <message>
      <source>Measuring: click two points on the station; Esc leaves.</source>
      <translation>Измерение: щёлкните две точки на станции; Esc — выход.</translation>
    </message>
    <message>
      <source>Measuring ended.</source>
      <translation>Измерение завершено.</translation>
    </message>
    <message>
      <source>No part of the station under the cursor.</source>
      <translation>Под курсором нет станции.</translation>
    </message>
    <message>
      <source>First point picked; click the second.</source>
      <translation>Первая точка выбрана; щёлкните вторую.</translation>
    </message>
    <message>
      <source>Copied {0}</source>
      <translation>Скопировано: {0}</translation>
    </message>
    <message>
      <source>Distance: {0} (Ctrl+C copies it)</source>
      <translation>Расстояние: {0} (Ctrl+C — скопировать)</translation>
    </message>
  </context>
  <context>
    <name>panels</name>
    <message>
      <source>Mass</source>
      <translation>Масса</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>Длина</translation>
    </message>
    <message>
      <source>Diameter</source>
      <translation>Диаметр</translation>
    </message>
    <message>
      <source>Pressurized volume</source>
      <translation>Гермообъём</translation>
    </message>
    <message>
      <source>Electrical power</source>
      <translation>Электрическая мощность</translation>
    </message>
    <message>
      <source>Solar array area</source>
      <translation>Площадь солнечных батарей</translation>
    </message>
    <message>
      <source>Propellant</source>
      <translation>Топливо</translation>
    </message>
    <message>
      <source>Design life</source>
      <translation>Ресурс</translation>
    </message>
    <message>
      <source>Docking ports</source>
      <translation>Стыковочные узлы</translation>
    </message>
    <message>
      <source>Crew</source>
      <translation>Экипаж</translation>
    </message>
    <message>
      <source>Inclination</source>
      <translation>Наклонение</translation>
    </message>
    <message>
      <source>Altitude</source>
      <translation>Высота</translation>
    </message>
    <message>
      <source>confirmed</source>
      <translation>подтверждено</translation>
    </message>
    <message>
      <source>conflict</source>
      <translation>расхождение</translation>
    </message>
    <message>
      <source>uncertain</source>
      <translation>неточно</translation>
    </message>
    <message>
      <source>inferred</source>
      <translation>выведено</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>неизвестно</translation>
    </message>
    <message>
      <source>node</source>
      <translation>узловой модуль</translation>
    </message>
    <message>
      <source>core module</source>
      <translation>базовый блок</translation>
    </message>
    <message>
      <source>laboratory</source>
      <translation>лабораторный модуль</translation>
    </message>
    <message>
      <source>pressurized module</source>
      <translation>гермомодуль</translation>
    </message>
    <message>
      <source>power module</source>
      <translation>энергетический модуль</translation>
    </message>
    <message>
      <source>airlock</source>
      <translation>шлюзовой модуль</translation>
    </message>
    <message>
      <source>open platform</source>
      <translation>открытая платформа</translation>
    </message>
    <message>
      <source>Soyuz-type ship</source>
      <translation>корабль типа «Союз»</translation>
    </message>
    <message>
      <source>Progress-type ship</source>
      <translation>корабль типа «Прогресс»</translation>
    </message>
    <message>
      <source>Orel-type ship</source>
      <translation>корабль типа «Орёл»</translation>
    </message>
    <message>
      <source>truss segment</source>
      <translation>секция фермы</translation>
    </message>
    <message>
      <source>connecting node</source>
      <translation>соединительный узел</translation>
    </message>
    <message>
      <source>berthed module</source>
      <translation>модуль, причаленный манипулятором</translation>
    </message>
    <message>
      <source>outlet only: no page to link</source>
      <translation>известно только издание, ссылки нет</translation>
    </message>
    <message>
      <source>Move or rescale...</source>
      <translation>Переместить или масштабировать...</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Удалить</translation>
    </message>
    <message>
      <source>Hide</source>
      <translation>Скрыть</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Показать</translation>
    </message>
    <message>
      <source>Reference models (not in totals)</source>
      <translation>Модели для сравнения (не входят в итоги)</translation>
    </message>
    <message>
      <source>Double-click to move or rescale it; right-click or Delete to remove it</source>
      <translation>Двойной щелчок — переместить или масштабировать; правая кнопка или Delete — удалить</translation>
    </message>
    <message>
      <source>Search modules (name or abbreviation)</source>
      <translation>Поиск модулей (название или сокращение)</translation>
    </message>
    <message>
      <source>published size</source>
      <translation>опубликованный размер</translation>
    </message>
    <message>
      <source>drawing size, not a published figure</source>
      <translation>размер для рисунка, а не опубликованная цифра</translation>
    </message>
    <message>
      <source>station module</source>
      <translation>модуль станции</translation>
    </message>
    <message>
      <source>visiting vehicle</source>
      <translation>прилетающий корабль</translation>
    </message>
    <message>
      <source>module of another station</source>
      <translation>модуль другой станции</translation>
    </message>
    <message>
      <source>id</source>
      <translation>код</translation>
    </message>
    <message>
      <source>The root of the station: the other modules attach to it.</source>
      <translation>Корневой модуль станции: остальные модули крепятся к нему.</translation>
    </message>
    <message>
      <source>announced</source>
      <translation>объявлен</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Источники</translation>
    </message>
    <message>
      <source>* low reliability</source>
      <translation>* низкая надёжность</translation>
    </message>
    <message>
      <source>grey: only the outlet is known, no page to link</source>
      <translation>серым — известно только издание, ссылки нет</translation>
    </message>
    <message>
      <source>Select a module in the view or the list to see its figures.</source>
      <translation>Выберите модуль на виде или в списке, чтобы увидеть его данные.</translation>
    </message>
    <message>
      <source>Launch</source>
      <translation>Запуск</translation>
    </message>
    <message>
      <source>No figures published for this module.</source>
      <translation>Для этого модуля цифры не опубликованы.</translation>
    </message>
    <message>
      <source>Not published</source>
      <translation>Не опубликовано</translation>
    </message>
    <message numerus="yes">
      <source>%n phase(s)</source>
      <translation>
        <numerusform>%n этап</numerusform>
        <numerusform>%n этапа</numerusform>
        <numerusform>%n этапов</numerusform>
      </translation>
    </message>
    <message>
      <source>Interpretation</source>
      <translation>Интерпретация</translation>
    </message>
    <message>
      <source>Drawn at</source>
      <translation>Нарисован размером</translation>
    </message>
    <message>
      <source>Orbit</source>
      <translation>Орбита</translation>
    </message>
    <message>
      <source>Charts over the phases</source>
      <translation>Графики по этапам</translation>
    </message>
    <message>
      <source>Lines: sums of module figures; bands: ranges where sources disagree; diamonds: station totals a source published.</source>
      <translation>Линии — суммы данных модулей; полосы — разброс, где источники расходятся; ромбы — итоги по станции, опубликованные источником.</translation>
    </message>
    <message>
      <source>Volume</source>
      <translation>Объём</translation>
    </message>
    <message>
      <source>Power</source>
      <translation>Мощность</translation>
    </message>
    <message>
      <source>no figures published for this plan</source>
      <translation>для этого плана цифры не опубликованы</translation>
    </message>
    <message>
      <source>Sums of the module figures: a range where sources disagree; ≥ where a module has no published figure. Visiting vehicles are not counted.</source>
      <translation>Суммы данных модулей: диапазон — где источники расходятся; ≥ — где у модуля нет опубликованной цифры. Прилетающие корабли не учитываются.</translation>
    </message>
    <message>
      <source>not published</source>
      <translation>не опубликовано</translation>
    </message>
    <message>
      <source>Unknown: no module of this phase has a published figure.</source>
      <translation>Неизвестно: ни для одного модуля этого этапа цифра не опубликована.</translation>
    </message>
    <message>
      <source>not stated</source>
      <translation>не указан</translation>
    </message>
    <message numerus="yes">
      <source>%n visiting vehicle(s)</source>
      <translation>
        <numerusform>%n прилетающий корабль</numerusform>
        <numerusform>%n прилетающих корабля</numerusform>
        <numerusform>%n прилетающих кораблей</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{0}; %n module(s) counted, none missing.</source>
      <translation>
        <numerusform>{0}; учтён %n модуль, пропусков нет.</numerusform>
        <numerusform>{0}; учтены %n модуля, пропусков нет.</numerusform>
        <numerusform>{0}; учтено %n модулей, пропусков нет.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n module(s)</source>
      <translation>
        <numerusform>%n модуль</numerusform>
        <numerusform>%n модуля</numerusform>
        <numerusform>%n модулей</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>At least {0}: %n module(s) counted; no figure published for {1}.</source>
      <translation>
        <numerusform>Не менее {0}: учтён %n модуль; нет опубликованной цифры для {1}.</numerusform>
        <numerusform>Не менее {0}: учтены %n модуля; нет опубликованной цифры для {1}.</numerusform>
        <numerusform>Не менее {0}: учтено %n модулей; нет опубликованной цифры для {1}.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>About {0} ({1} where sources differ); %n module(s) counted, none missing.</source>
      <translation>
        <numerusform>Около {0} ({1} по разным источникам); учтён %n модуль, пропусков нет.</numerusform>
        <numerusform>Около {0} ({1} по разным источникам); учтены %n модуля, пропусков нет.</numerusform>
        <numerusform>Около {0} ({1} по разным источникам); учтено %n модулей, пропусков нет.</numerusform>
      </translation>
    </message>
    <message>
      <source>On the station</source>
      <translation>На станции</translation>
    </message>
    <message>
      <source>(without {0})</source>
      <translation>(без {0})</translation>
    </message>
    <message>
      <source>published</source>
      <translation>опубликовано</translation>
    </message>
    <message>
      <source>{0} used, {1} free</source>
      <translation>занято {0}, свободно {1}</translation>
    </message>
  </context>
  <context>
    <name>portmap</name>
    <message>
      <source>Boxes: modules; dots: ports (filled: in use); lines join docked ports. Click a box to select its module.</source>
      <translation>Прямоугольники — модули; точки — порты (закрашенные заняты); линии соединяют состыкованные порты. Щелчок по прямоугольнику выбирает модуль.</translation>
    </message>
    <message>
      <source>Port map</source>
      <translation>Карта портов</translation>
    </message>
    <message>
      <source>From zenith</source>
      <translation>Вид из зенита</translation>
    </message>
    <message>
      <source>From starboard</source>
      <translation>Вид с правого борта</translation>
    </message>
    <message>
      <source>From ahead</source>
      <translation>Вид спереди</translation>
    </message>
  </context>
  <context>
    <name>tours</name>
    <message>
      <source>Tour editor</source>
      <translation>Редактор экскурсий</translation>
    </message>
    <message>
      <source>the station</source>
      <translation>станцию</translation>
    </message>
    <message>
      <source>Save tour</source>
      <translation>Сохранить экскурсию</translation>
    </message>
    <message>
      <source>Tours (*.tour.json)</source>
      <translation>Экскурсии (*.tour.json)</translation>
    </message>
    <message>
      <source>Open tour</source>
      <translation>Открыть экскурсию</translation>
    </message>
    <message>
      <source>Tours (*.tour.json *.json)</source>
      <translation>Экскурсии (*.tour.json *.json)</translation>
    </message>
    <message>
      <source>New tour</source>
      <translation>Новая экскурсия</translation>
    </message>
    <message>
      <source>Keyframe: centre ({0}, {1}, {2}) m, distance {3} m, elevation {4}°, azimuth {5}°</source>
      <translation>Ключевой кадр: центр ({0}, {1}, {2}) м, расстояние {3} м, высота {4}°, азимут {5}°</translation>
    </message>
    <message>
      <source>Frames {0} from the {1} view</source>
      <translation>Кадрирует {0}, вид {1}</translation>
    </message>
    <message>
      <source>Tour id</source>
      <translation>Идентификатор экскурсии</translation>
    </message>
    <message>
      <source>Title (English)</source>
      <translation>Название (по-английски)</translation>
    </message>
    <message>
      <source>Title (Russian)</source>
      <translation>Название (по-русски)</translation>
    </message>
    <message>
      <source>Docking from</source>
      <translation>Стыковка из</translation>
    </message>
    <message>
      <source>Camera moves during the whole step</source>
      <translation>Камера движется весь шаг</translation>
    </message>
    <message>
      <source>Record view</source>
      <translation>Записать вид</translation>
    </message>
    <message>
      <source>Frame</source>
      <translation>Кадрировать</translation>
    </message>
    <message>
      <source>Show the orbit view</source>
      <translation>Показать вид орбиты</translation>
    </message>
    <message>
      <source>Plan</source>
      <translation>План</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Этап</translation>
    </message>
    <message>
      <source>Transition</source>
      <translation>Переход</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>Длительность</translation>
    </message>
    <message>
      <source>Camera move</source>
      <translation>Движение камеры</translation>
    </message>
    <message>
      <source>Easing</source>
      <translation>Сглаживание</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>Камера</translation>
    </message>
    <message>
      <source>Caption (English)</source>
      <translation>Подпись (по-английски)</translation>
    </message>
    <message>
      <source>Caption (Russian)</source>
      <translation>Подпись (по-русски)</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Источники</translation>
    </message>
    <message>
      <source>Caption kind</source>
      <translation>Вид подписи</translation>
    </message>
    <message>
      <source>Highlight</source>
      <translation>Подсветить</translation>
    </message>
    <message>
      <source>Display mode</source>
      <translation>Режим отображения</translation>
    </message>
    <message>
      <source>Add step</source>
      <translation>Добавить шаг</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Удалить</translation>
    </message>
    <message>
      <source>Up</source>
      <translation>Выше</translation>
    </message>
    <message>
      <source>Down</source>
      <translation>Ниже</translation>
    </message>
    <message>
      <source>New</source>
      <translation>Новая</translation>
    </message>
    <message>
      <source>Open...</source>
      <translation>Открыть...</translation>
    </message>
    <message>
      <source>Save...</source>
      <translation>Сохранить...</translation>
    </message>
    <message>
      <source>Preview step</source>
      <translation>Просмотреть шаг</translation>
    </message>
    <message>
      <source>Play tour</source>
      <translation>Запустить экскурсию</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Закрыть</translation>
    </message>
    <message>
      <source>Export tour video</source>
      <translation>Экспорт видео экскурсии</translation>
    </message>
    <message>
      <source>Tour</source>
      <translation>Экскурсия</translation>
    </message>
    <message>
      <source>MP4 video (H.264)</source>
      <translation>Видео MP4 (H.264)</translation>
    </message>
    <message>
      <source>Animated GIF</source>
      <translation>Анимированный GIF</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Формат</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Размер</translation>
    </message>
    <message>
      <source> frames/s</source>
      <translation> кадр/с</translation>
    </message>
    <message>
      <source>Frame rate</source>
      <translation>Частота кадров</translation>
    </message>
    <message>
      <source>Burn the captions into the picture</source>
      <translation>Впечатать подписи в изображение</translation>
    </message>
    <message>
      <source>Caption language</source>
      <translation>Язык подписей</translation>
    </message>
    <message>
      <source>Export tour to</source>
      <translation>Экспортировать экскурсию в</translation>
    </message>
    <message>
      <source>{0} s, {1} frames, with a WebVTT caption file beside the video.</source>
      <translation>{0} с, {1} кадров, рядом с видео — файл субтитров WebVTT.</translation>
    </message>
    <message>
      <source>current</source>
      <translation>текущая</translation>
    </message>
    <message>
      <source>Exporting {0}...</source>
      <translation>Экспорт {0}...</translation>
    </message>
    <message>
      <source>Export cancelled; nothing was kept.</source>
      <translation>Экспорт отменён; ничего не сохранено.</translation>
    </message>
    <message>
      <source>The tour video failed</source>
      <translation>Не удалось сделать видео экскурсии</translation>
    </message>
    <message>
      <source>Exported {0}</source>
      <translation>Экспортировано: {0}</translation>
    </message>
    <message>
      <source>Step {0} of {1} · Esc leaves the tour</source>
      <translation>Шаг {0} из {1} · Esc — выход из экскурсии</translation>
    </message>
  </context>
</TS>
