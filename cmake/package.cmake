# What `cmake --install` puts beside the programs for a desktop, and the Debian package made from
# it (`cmake --build build --target package`). The catalog, presets and docs are installed by
# engine/ and app/gui/; the programs find them relative to themselves (archbench/data_dir.h), so
# any --prefix works.

# The desktop entry, the icon and the MIME type that makes *.archbench.json open in ArchBench
# (Debian's desktop-file-utils and shared-mime-info triggers update their caches on install).
install(FILES ${PROJECT_SOURCE_DIR}/resources/archbench.desktop DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/archbench.svg
  DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/archbench-mime.xml
  DESTINATION share/mime/packages RENAME archbench.xml)

# Man pages made from each program's --help by help2man at build time (Debian's help2man).
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man not found: install the Debian package help2man "
    "(listed in scripts/packages.txt)")
endif()
set(archbench_man_pages)
function(archbench_man_page target summary)
  set(page ${PROJECT_BINARY_DIR}/man/${target}.1)
  # Synopsis, environment, files and see-also sections --help does not give.
  set(extra ${PROJECT_SOURCE_DIR}/resources/man/${target}.h2m)
  # The GUI's --help needs a Qt platform, offscreen needs no display; Qt's warnings on stderr
  # stay out of the page.
  add_custom_command(OUTPUT ${page}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
            ${HELP2MAN} --no-info --version-string=${PROJECT_VERSION} --include=${extra}
            --name=${summary} --output=${page} $<TARGET_FILE:${target}>
    COMMAND gzip -n -9 -f ${page}
    DEPENDS ${target} ${extra}
    COMMENT "Man page of ${target} from its --help"
    VERBATIM)
  set(archbench_man_pages ${archbench_man_pages} ${page}.gz PARENT_SCOPE)
  install(FILES ${page}.gz DESTINATION share/man/man1)
endfunction()
archbench_man_page(archbench-cli "evaluate, compare and check software architecture designs")
if(TARGET archbench)
  archbench_man_page(archbench "workbench for designing software architectures")
endif()
add_custom_target(man_pages ALL DEPENDS ${archbench_man_pages})

# The .deb: both programs with their data under /usr; dpkg-shlibdeps (dpkg-dev) computes the
# libraries' packages (Qt, Graphviz); Qt's platform plugins are loaded at run time, which
# dpkg-shlibdeps cannot see, so that one is named.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME archbench)
set(CPACK_PACKAGE_VENDOR ArchBench)
set(CPACK_PACKAGE_CONTACT "ArchBench developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for designing software architectures")
set(CPACK_PACKAGE_DESCRIPTION [[
ArchBench describes a software architecture (users, CDN, load balancer,
app servers, caches, queues, workers, databases ...) and computes with a
queueing-model engine each request class's latency, the bottleneck, the
load at which it saturates, the cost and the availability; it compares
versions of the same system. It holds the desktop app archbench and the
command-line front end archbench-cli, with the component catalog, example
projects and interview scenarios.]])
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS qt6-qpa-plugins)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
